package org.parley.store;

import java.nio.file.Path;
import org.parley.testing.TestDatabases;

class CachesOnPostgresTest extends CachesContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.postgres(dir);
    }

    @Override
    void dropStore(StoreConfig config) {
        TestDatabases.dropPostgres(config);
    }
}
