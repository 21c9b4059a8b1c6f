package org.parley.comments;

import java.nio.file.Path;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class CommentsOnSqliteTest extends CommentsStoreContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
