package org.parley.logins;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Database;
import org.parley.testing.TestDatabases;

class PasskeysOnSqliteTest extends PasskeysContract {

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.sqlite(dir));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    Database db() {
        return db;
    }
}
