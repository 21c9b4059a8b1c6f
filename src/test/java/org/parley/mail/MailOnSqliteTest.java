package org.parley.mail;

import java.nio.file.Path;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class MailOnSqliteTest extends MailContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
