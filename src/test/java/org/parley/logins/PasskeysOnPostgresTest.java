package org.parley.logins;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

/** The same cases on PostgreSQL, where two nodes share one database: see {@link #optionsFromOneNodeMayBeAnsweredOnAnother}. */
class PasskeysOnPostgresTest extends PasskeysContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;

    @BeforeEach
    void open() {
        config = TestDatabases.postgres(dir);
        db = Database.open(config);
    }

    @AfterEach
    void close() {
        db.close();
        TestDatabases.dropPostgres(config);
    }

    @Override
    Database db() {
        return db;
    }
}
