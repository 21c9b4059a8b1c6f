package org.parley.webhooks;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Database;
import org.parley.testing.TestDatabases;

/** The webhook store on SQLite: one process, so "another node" is the same database. */
class WebhookStoreOnSqliteTest extends WebhookStoreContract {

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

    @Override
    Database otherNode() {
        return db;
    }
}
