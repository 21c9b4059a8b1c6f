package org.parley.moderation;

import java.nio.file.Path;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class EvasionOnPostgresTest extends EvasionContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.postgres(dir);
    }

    @Override
    void dropStore(StoreConfig config) {
        TestDatabases.dropPostgres(config);
    }
}
