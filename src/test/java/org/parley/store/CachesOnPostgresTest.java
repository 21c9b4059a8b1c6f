package org.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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

    @Test
    void aProcessStartingWhileALongTransactionRunsElsewhereDoesNotDropWhatItJustBuilt() throws Exception {
        try (Connection elsewhere = DriverManager.getConnection(config.url(), config.user(), "")) {
            elsewhere.setAutoCommit(false);
            elsewhere.createStatement().execute("SELECT pg_current_xact_id()"); // holds the cluster's horizon back
            write(db, notes, "kept", "untouched");
            try (Database other = Database.open(config)) {
                SharedCache<Optional<String>> otherNotes = notesCache(other);
                assertThat(otherNotes.get("kept")).contains("untouched");
                other.caches().sync();
                other.caches().sync();
                assertThat(otherNotes.get("kept")).contains("untouched");
                assertThat(otherNotes.loads()).as("a change committed before it started is not applied to it").isEqualTo(1);
            }
            elsewhere.rollback();
        }
    }
}
