package org.parley.webhooks;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

/** The webhook store on PostgreSQL, with a second process on the same database as the other node. */
class WebhookStoreOnPostgresTest extends WebhookStoreContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    Database otherNode;

    @BeforeEach
    void open() {
        config = TestDatabases.postgres(dir);
        db = Database.open(config);
        otherNode = Database.open(config);
    }

    @AfterEach
    void close() {
        otherNode.close();
        db.close();
        TestDatabases.dropPostgres(config);
    }

    @Override
    Database db() {
        return db;
    }

    @Override
    Database otherNode() {
        return otherNode;
    }
}
