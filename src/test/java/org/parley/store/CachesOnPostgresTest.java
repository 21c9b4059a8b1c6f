package org.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    void aChangeCommittedOnOneNodeDropsTheValueOnTheOtherWithinASecondOrSo() {
        try (Database other = Database.open(config)) {
            SharedCache<java.util.Optional<String>> otherNotes = notesCache(other);
            write(db, notes, "a", "before");
            assertThat(otherNotes.get("a")).contains("before");

            write(db, notes, "a", "after");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
            while (!otherNotes.get("a").equals(java.util.Optional.of("after"))) {
                assertThat(Instant.now()).as("the other node still serves the old value").isBefore(deadline);
                Thread.onSpinWait();
            }
            assertThat(otherNotes.loads()).as("the other node built it once more, not on every read").isEqualTo(2);
        }
    }
}
