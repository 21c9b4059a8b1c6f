package org.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.parley.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions as features rely on them, once per database. */
abstract class DatabaseContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    int guests() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM guests").mapTo(Integer.class).one());
    }

    void insertGuest(String id) {
        db.write(h -> h.createUpdate("INSERT INTO guests (id, token_hash, created_at) VALUES (:id, :id, 0)").bind("id", id).execute());
    }

    /**
     * Opening skips Flyway only when its history holds exactly the bundled migrations; a migration pending,
     * failed or changed since it was applied still goes through Flyway, which applies it or refuses to start.
     */
    @Test
    void onlyASchemaWithEveryMigrationAppliedAsBundledSkipsFlyway() throws IOException {
        MigrationCheck check = MigrationCheck.bundled("db/migration/" + config.vendor().migrationFolder());
        assertThat(db.read(check::upToDate)).as("just migrated by Flyway: the checksums agree").isTrue();

        String newest = db.read(h -> h.createQuery("SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC")
                .mapTo(String.class).first());
        db.write(h -> h.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'"));
        assertThat(db.read(check::upToDate)).as("a migration changed since it was applied").isFalse();
        assertThatThrownBy(() -> Database.open(config).close()).as("Flyway still refuses it").hasMessageContaining("checksum");
        db.write(h -> h.execute("UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE version = '1'"));

        db.write(h -> h.createUpdate("UPDATE flyway_schema_history SET success = :no WHERE version = :v")
                .bind("no", false).bind("v", newest).execute());
        assertThat(db.read(check::upToDate)).as("a failed migration").isFalse();
        assertThatThrownBy(() -> Database.open(config).close()).as("Flyway still refuses it").hasMessageContaining(newest);
        db.write(h -> h.createUpdate("UPDATE flyway_schema_history SET success = :yes WHERE version = :v")
                .bind("yes", true).bind("v", newest).execute());

        StoreConfig old = store(Files.createDirectories(dir.resolve("old")));
        try {
            Flyway.configure().dataSource(old.effectiveUrl(), old.user(), old.password())
                    .locations("classpath:db/migration/" + old.vendor().migrationFolder()).target("81").load().migrate();
            try (Database upgraded = Database.open(old)) {
                int counted = upgraded.read(h -> h.createQuery("SELECT COUNT(*) FROM author_counts").mapTo(Integer.class).one());
                assertThat(counted).as("migrations after 81 applied").isZero();
                assertThat(upgraded.read(check::upToDate)).isTrue();
            }
        } finally {
            dropStore(old);
        }
        try (Database again = Database.open(config)) {
            assertThat(again.createdSchema()).isFalse();
        }
    }

    @Test
    void openingSaysWhenItCreatedTheSchemaAndOpenExistingCreatesNothing() {
        assertThat(db.createdSchema()).as("the first open of an empty database").isTrue();
        try (Database again = Database.openExisting(config).orElseThrow()) {
            assertThat(again.createdSchema()).isFalse();
        }
        try (Database again = Database.open(config)) {
            assertThat(again.createdSchema()).isFalse();
        }
        StoreConfig empty = store(dir.resolve("empty"));
        try {
            assertThat(Database.openExisting(empty)).isEmpty();
            assertThat(dir.resolve("empty")).as("not even the data directory").doesNotExist();
            try (Database created = Database.open(empty)) {
                assertThat(created.createdSchema()).as("openExisting left the database empty").isTrue();
            }
        } finally {
            dropStore(empty);
        }
    }

    @Test
    void aWriteInsideAWriteJoinsItSoBothCommitOrNeither() {
        assertThatThrownBy(() -> db.write(h -> {
            insertGuest("g_000000000aaaaaaaa");
            insertGuest("g_000000000bbbbbbbb");
            throw new IllegalStateException("the outer work fails after both inserts");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(guests()).isZero();

        db.write(h -> {
            insertGuest("g_000000000aaaaaaaa");
            insertGuest("g_000000000bbbbbbbb");
            return null;
        });
        assertThat(guests()).isEqualTo(2);
    }

    @Test
    void readsInsideAWriteSeeItsOwnUncommittedChanges() {
        int seen = db.write(h -> {
            insertGuest("g_000000000aaaaaaaa");
            return guests();
        });
        assertThat(seen).isEqualTo(1);
    }

    @Test
    void afterCommitActionsRunOnlyOnceTheOutermostTransactionCommits() {
        List<String> log = new ArrayList<>();
        db.write(h -> {
            db.write(inner -> {
                db.afterCommit(() -> log.add("inner announced"));
                return null;
            });
            log.add("outer still working");
            return null;
        });
        assertThat(log).containsExactly("outer still working", "inner announced");

        assertThatThrownBy(() -> db.write(h -> {
            db.afterCommit(() -> log.add("must not run"));
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(log).doesNotContain("must not run");

        db.afterCommit(() -> log.add("no transaction: runs now"));
        assertThat(log).endsWith("no transaction: runs now");
    }

    @Test
    void workThatFailsInsideATransactionIsUndoneAloneAndTheRestCommits() {
        List<String> announced = new ArrayList<>();
        db.write(h -> {
            insertGuest("g_000000000aaaaaaaa");
            assertThatThrownBy(() -> db.undoableOnFailure(() -> {
                insertGuest("g_000000000bbbbbbbb");
                db.afterCommit(() -> announced.add("b"));
                // A failing statement: on PostgreSQL it aborts the transaction unless the savepoint is rolled back.
                return h.createQuery("SELECT nothing FROM no_such_table").mapTo(String.class).list();
            })).isInstanceOf(RuntimeException.class);
            insertGuest("g_000000000cccccccc");
            db.afterCommit(() -> announced.add("c"));
            return null;
        });
        List<String> stored = db.read(h -> h.createQuery("SELECT id FROM guests ORDER BY id").mapTo(String.class).list());
        assertThat(stored).containsExactly("g_000000000aaaaaaaa", "g_000000000cccccccc");
        assertThat(announced).as("the undone work's after-commit action is dropped").containsExactly("c");
    }

    @Test
    void concurrentWritesCommitOrFailEachOnItsOwnAndOnlyTheFailingCallerHearsOfIt() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Map<String, String> announcedOn = new ConcurrentHashMap<>();
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        Thread first = writer("a", () -> db.write(h -> {
            insertGuest("g_000000000aaaaaaaa");
            holding.countDown();
            awaitQuietly(release);
            return null;
        }), announcedOn, failures);
        first.start();
        holding.await();
        // While the first holds the writer, three more start: on SQLite they queue, and one batch takes them all.
        List<Thread> queued = List.of(
                writer("b", () -> insertGuest("g_000000000bbbbbbbb"), announcedOn, failures),
                writer("c", () -> db.write(h -> {
                    insertGuest("g_000000000cccccccc");
                    return h.createQuery("SELECT nothing FROM no_such_table").mapTo(String.class).list();
                }), announcedOn, failures),
                writer("d", () -> insertGuest("g_000000000dddddddd"), announcedOn, failures));
        for (Thread thread : queued) {
            thread.start();
            while (thread.getState() != Thread.State.WAITING && thread.isAlive()) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        first.join();
        for (Thread thread : queued) {
            thread.join();
        }

        List<String> stored = db.read(h -> h.createQuery("SELECT id FROM guests ORDER BY id").mapTo(String.class).list());
        assertThat(stored).containsExactly("g_000000000aaaaaaaa", "g_000000000bbbbbbbb", "g_000000000dddddddd");
        assertThat(failures).containsOnlyKeys("c");
        assertThat(failures.get("c")).as("the caller gets its own work's failure").hasMessageContaining("no_such_table");
        assertThat(announcedOn).as("each committed write announces itself, on its caller's thread")
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", "writer-a", "b", "writer-b", "d", "writer-d"));
    }

    /** A thread that runs {@code write}, then notes on which thread its after-commit action ran, or its failure. */
    private Thread writer(String name, Runnable write, Map<String, String> announcedOn, Map<String, Throwable> failures) {
        return new Thread(() -> {
            try {
                db.write(h -> {
                    write.run();
                    db.afterCommit(() -> announcedOn.put(name, Thread.currentThread().getName()));
                    return null;
                });
            } catch (RuntimeException e) {
                failures.put(name, e);
            }
        }, "writer-" + name);
    }

    @Test
    void aTokenSignedByOneProcessIsAcceptedByAnotherUntilItsKeyRotatesOut() {
        java.time.Instant monday = java.time.Instant.parse("2026-12-07T23:00:00Z");
        String signature = db.signingKeys().sign("test", "claim", monday);
        try (Database other = Database.open(config)) {
            SigningKeys keys = other.signingKeys();
            assertThat(keys.verify("test", "claim", signature, monday)).as("another process, same moment").isTrue();
            assertThat(keys.verify("test", "claim", signature, monday.plus(SigningKeys.PERIOD))).as("the next period").isTrue();
            assertThat(keys.verify("test", "other claim", signature, monday)).isFalse();
            assertThat(keys.verify("other purpose", "claim", signature, monday)).isFalse();
            assertThat(keys.verify("test", "claim", signature.replaceAll(".$", "A").equals(signature)
                    ? signature.replaceAll(".$", "B") : signature.replaceAll(".$", "A"), monday)).isFalse();
            java.time.Instant later = monday.plus(SigningKeys.PERIOD.multipliedBy(2));
            String fresh = keys.sign("test", "claim", later);
            assertThat(fresh).as("a new period signs with a new key").isNotEqualTo(signature);
            assertThat(db.signingKeys().verify("test", "claim", fresh, later)).isTrue();
            assertThat(db.signingKeys().verify("test", "claim", signature, later)).as("two periods on: rotated out").isFalse();
            int kept = db.read(h -> h.createQuery("SELECT COUNT(*) FROM signing_keys WHERE purpose = 'test'").mapTo(Integer.class).one());
            assertThat(kept).as("keys too old to verify anything are deleted").isEqualTo(1);
        }
        for (String forged : new String[] {"", ".", "x.abc", "99999999999999.abc", "-1.abc"}) {
            assertThat(db.signingKeys().verify("test", "claim", forged, monday)).as(forged).isFalse();
        }
    }

    @Test
    void aJobRunsOnceAcrossProcessesAndAnotherTakesItOverWhenItsRunnerDies() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-07T10:00:00Z"));
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch stuck = new CountDownLatch(1);
        try (Database other = Database.open(config);
             Jobs here = Jobs.create(db, clock);
             Jobs there = Jobs.create(other, clock)) {
            for (Jobs jobs : List.of(here, there)) {
                jobs.schedule("chore", Duration.ofHours(1), Duration.ofMinutes(5), runs::incrementAndGet);
            }
            assertThat(here.runDue() + there.runDue()).as("due once, run once").isEqualTo(1);
            clock.advance(Duration.ofMinutes(30));
            assertThat(here.runDue() + there.runDue()).as("not due again yet").isZero();
            clock.advance(Duration.ofMinutes(31));
            assertThat(there.runDue() + here.runDue()).as("due again an hour later, on either").isEqualTo(1);
            assertThat(runs).hasValue(2);

            try (Jobs dying = Jobs.create(db, clock); Jobs survivor = Jobs.create(other, clock)) {
                dying.schedule("long chore", Duration.ofHours(1), Duration.ofMinutes(5), () -> awaitQuietly(stuck));
                survivor.schedule("long chore", Duration.ofHours(1), Duration.ofMinutes(5), runs::incrementAndGet);
                Thread runner = Thread.ofVirtual().start(dying::runDue);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (db.read(h -> h.createQuery("SELECT lease_until FROM jobs WHERE name = 'long chore'").mapTo(Long.class).one()) == 0) {
                    assertThat(System.nanoTime()).as("the dying runner takes the job within 10 s").isLessThan(deadline);
                    Thread.onSpinWait();
                }
                assertThat(survivor.runDue()).as("leased elsewhere").isZero();
                clock.advance(Duration.ofMinutes(6));
                assertThat(survivor.runDue()).as("the lease ran out: taken over").isEqualTo(1);
                stuck.countDown();
                runner.join();
                clock.advance(Duration.ofMinutes(30));
                assertThat(survivor.runDue() + dying.runDue()).as("the late finish of the dead runner changes nothing").isZero();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
