package org.parley.moderation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;

class ModerationOnPostgresTest extends ModerationStoreContract {
    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.postgres(dir);
    }

    @Override
    void dropStore(StoreConfig config) {
        TestDatabases.dropPostgres(config);
    }

    @Test
    void theAuditLogCannotBeTruncatedEither() {
        assertThatThrownBy(() -> db.write(h -> h.createUpdate("TRUNCATE audit_log").execute()))
                .hasMessageContaining("append-only");
    }
}
