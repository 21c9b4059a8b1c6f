package org.parley.store;

import java.nio.file.Path;
import org.parley.testing.TestDatabases;

class DatabaseOnSqliteTest extends DatabaseContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
