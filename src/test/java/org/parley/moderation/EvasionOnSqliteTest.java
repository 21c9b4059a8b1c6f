package org.parley.moderation;

import java.nio.file.Path;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class EvasionOnSqliteTest extends EvasionContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
