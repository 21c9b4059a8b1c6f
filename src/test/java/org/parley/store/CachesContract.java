package org.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caches as features rely on them: built once, never stale after a change commits, once per database. */
abstract class CachesContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    final AtomicInteger builds = new AtomicInteger();
    SharedCache<Optional<String>> notes;

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        db.write(h -> h.execute("CREATE TABLE notes (k TEXT PRIMARY KEY, v TEXT NOT NULL)"));
        notes = notesCache(db);
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    SharedCache<Optional<String>> notesCache(Database on) {
        return on.caches().cache("notes", 100, (h, key) -> {
            builds.incrementAndGet();
            return h.createQuery("SELECT v FROM notes WHERE k = :k").bind("k", key).mapTo(String.class).findOne();
        });
    }

    static void write(Database on, SharedCache<?> cache, String key, String value) {
        on.write(h -> {
            h.createUpdate("DELETE FROM notes WHERE k = :k").bind("k", key).execute();
            h.createUpdate("INSERT INTO notes (k, v) VALUES (:k, :v)").bind("k", key).bind("v", value).execute();
            cache.changed(key);
            return null;
        });
    }

    @Test
    void aValueIsBuiltOnceAndRebuiltOnlyAfterAChangeCommits() {
        write(db, notes, "a", "first");
        assertThat(notes.get("a")).contains("first");
        assertThat(notes.get("a")).contains("first");
        assertThat(builds).hasValue(1);

        write(db, notes, "a", "second");
        assertThat(notes.get("a")).contains("second");
        assertThat(builds).hasValue(2);
        assertThat(notes.loads()).isEqualTo(2);
    }

    @Test
    void aChangeThatRollsBackKeepsTheCommittedValueAndItsOwnTransactionSeesItsOwnView() {
        write(db, notes, "a", "kept");
        assertThat(notes.get("a")).contains("kept");
        assertThatThrownBy(() -> db.write(h -> {
            write(db, notes, "a", "rolled back");
            assertThat(notes.get("a")).as("inside the changing transaction").contains("rolled back");
            throw new IllegalStateException("the change fails");
        })).hasMessage("the change fails");
        assertThat(notes.get("a")).contains("kept");
    }

    @Test
    void aValueReadWhileAChangeIsInFlightIsDroppedWhenTheChangeCommits() throws Exception {
        write(db, notes, "a", "old");
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> change = pool.submit(() -> db.write(h -> {
                h.createUpdate("UPDATE notes SET v = 'new' WHERE k = 'a'").execute();
                notes.changed("a");
                changing.countDown();
                await(read);
                return null;
            }));
            await(changing);
            assertThat(notes.get("a")).as("before the change commits").contains("old");
            read.countDown();
            change.get(10, TimeUnit.SECONDS);
        }
        assertThat(notes.get("a")).as("after it commits").contains("new");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("the other thread got there").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void manyReadersAtOnceWaitForOneBuild() throws Exception {
        write(db, notes, "a", "shared");
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new java.util.ArrayList<Future<Optional<String>>>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return notes.get("a");
                }));
            }
            start.countDown();
            for (Future<Optional<String>> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).contains("shared");
            }
        }
        assertThat(builds).hasValue(1);
    }

    @Test
    void aValueReadInsideATransactionThatRollsBackIsBuiltFromWhatIsCommitted() {
        write(db, notes, "a", "committed");
        assertThatThrownBy(() -> db.write(h -> {
            h.createUpdate("UPDATE notes SET v = 'never committed' WHERE k = 'a'").execute();
            assertThat(notes.get("a")).as("read before the change is announced").contains("committed");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(notes.get("a")).contains("committed");
    }

    @Test
    void aChangeCommittedByAnotherProcessDropsTheValueHereWithinASecondOrSo() {
        try (Database other = Database.open(config)) {
            SharedCache<Optional<String>> otherNotes = notesCache(other);
            write(db, notes, "a", "before");
            assertThat(otherNotes.get("a")).contains("before");

            write(db, notes, "a", "after");
            awaitValue(otherNotes, "a", "after");
            assertThat(otherNotes.loads()).as("the other process built it once more, not on every read").isEqualTo(2);
        }
    }

    @Test
    void aBurstOfChangesElsewhereDropsJustTheirEntriesHere() {
        write(db, notes, "kept", "untouched");
        write(db, notes, "last", "before");
        try (Database other = Database.open(config)) {
            SharedCache<Optional<String>> otherNotes = notesCache(other);
            assertThat(otherNotes.get("kept")).contains("untouched");
            assertThat(otherNotes.get("last")).contains("before");
            long loads = otherNotes.loads();

            db.write(h -> {
                for (int i = 0; i < 12 * Caches.PAGE; i++) { // more than a minute of changes at 200 a second
                    notes.changed("burst-" + i);
                }
                return null;
            });
            write(db, notes, "last", "after");
            awaitValue(otherNotes, "last", "after");
            assertThat(otherNotes.get("kept")).contains("untouched");
            assertThat(otherNotes.loads()).as("only the changed entry was built again").isEqualTo(loads + 1);
        }
    }

    static void awaitValue(SharedCache<Optional<String>> cache, String key, String value) {
        java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofSeconds(10));
        while (!cache.get(key).equals(Optional.of(value))) {
            assertThat(java.time.Instant.now()).as("the other process still serves the old value of %s", key).isBefore(deadline);
            Thread.onSpinWait();
        }
    }
}
