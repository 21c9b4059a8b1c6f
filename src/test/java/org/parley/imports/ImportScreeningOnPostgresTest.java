package org.parley.imports;

import java.nio.file.Path;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class ImportScreeningOnPostgresTest extends ImportScreeningContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.postgres(dir);
    }

    @Override
    void dropStore(StoreConfig config) {
        TestDatabases.dropPostgres(config);
    }
}
