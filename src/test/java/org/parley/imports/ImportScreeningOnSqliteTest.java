package org.parley.imports;

import java.nio.file.Path;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class ImportScreeningOnSqliteTest extends ImportScreeningContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
