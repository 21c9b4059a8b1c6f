package org.parley.store;

import java.nio.file.Path;
import org.parley.testing.TestDatabases;

class CachesOnSqliteTest extends CachesContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
