package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.Comments;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/** {@code parley backup} beside a running server: what it copies, and what it refuses. */
class BackupCommandTest {

    @TempDir
    Path dir;
    @TempDir
    Path backups;

    MainTest.Run backup(Map<String, String> env, String... flags) {
        List<String> argv = new ArrayList<>(List.of("backup"));
        argv.addAll(List.of(flags));
        return MainTest.run(env, "", argv.toArray(String[]::new));
    }

    MainTest.Run backup(String... flags) {
        return backup(Map.of("PARLEY_DATA", dir.toString()), flags);
    }

    /** A comment the server answered 201 to, and when that answer arrived. */
    record Posted(String id, long answeredAtNanos) {
    }

    @Test
    void copiesEveryCommentCommittedBeforeItBeganWhileReadersKeepPosting() throws Exception {
        Path copy = backups.resolve("parley-backup.db");
        try (RunningParley parley = RunningParley.start(dir)) {
            parley.site("courier");
            String token = parley.guestToken("courier");
            ConcurrentLinkedQueue<Posted> posted = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < 40; i++) {
                posted.add(post(parley.http(), token, "Posted before the backup, number " + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger during = new AtomicInteger();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; !stop.get(); i++) {
                    posted.add(post(parley.http(), token, "Posted while the backup runs, number " + i));
                    during.incrementAndGet();
                }
            });
            awaitAtLeast(during, 5, "comments posted by the writer before the backup starts", writer);

            long began = System.nanoTime();
            MainTest.Run run = backup("--to", copy.toString());
            int postedWhileCopying = during.get();
            awaitAtLeast(during, postedWhileCopying + 5, "more comments posted after the backup", writer);
            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.err()).contains("opened SQLite database " + dir.resolve("parley.db").toAbsolutePath());
            Set<String> committedBefore = new HashSet<>();
            posted.stream().filter(p -> p.answeredAtNanos() < began).forEach(p -> committedBefore.add(p.id()));
            assertThat(committedBefore).as("the 40 posted first and 5 the writer posted").hasSizeGreaterThanOrEqualTo(45);
            List<String> inCopy = ids(copy);
            assertThat(inCopy).containsAll(committedBefore);
            assertThat(posted.stream().map(Posted::id).toList()).containsAll(inCopy);
            assertThat(run.out()).contains(String.format(Locale.ROOT, "wrote %s: %,d bytes, %,d comments, integrity check ok",
                    copy, Files.size(copy), inCopy.size()));
            assertThat(run.out()).contains("to restore it: stop Parley, put it in place of " + dir.resolve("parley.db").toAbsolutePath());
            assertThat(copy.resolveSibling(copy.getFileName() + "-wal")).as("nothing left beside the copy").doesNotExist();
            assertThat(copy.resolveSibling(copy.getFileName() + "-shm")).doesNotExist();
        }
        assertThat(integrityCheck(copy)).isEqualTo("ok");
        StoreConfig restored = new StoreConfig("jdbc:sqlite:" + copy, "", "", 1, backups);
        try (Database db = Database.open(restored)) {
            assertThat(db.createdSchema()).as("the copy holds Parley's schema").isFalse();
            assertThat(Comments.stored(db)).isEqualTo(ids(copy).size());
        }
    }

    @Test
    void refusesInOneLineWhatItCannotCopyAndTouchesNothing() throws Exception {
        try (RunningParley parley = RunningParley.start(dir)) {
            Path existing = Files.writeString(backups.resolve("yesterday.db"), "the last good copy");
            refused(backup("--to", existing.toString()), existing + " already exists");
            assertThat(existing).hasContent("the last good copy");

            Path nowhere = backups.resolve("no-such-dir").resolve("copy.db");
            refused(backup("--to", nowhere.toString()), "directory " + nowhere.getParent() + " does not exist");
            assertThat(nowhere.getParent()).doesNotExist();

            // Refused before connecting, so no PostgreSQL is needed for this.
            MainTest.Run postgres = backup(Map.of("PARLEY_DB_URL", "jdbc:postgresql://db.internal:5432/parley?password=hunter2"),
                    "--to", backups.resolve("pg.db").toString());
            refused(postgres, "pg_dump -Fc");
            assertThat(postgres.err()).contains("pg_restore", "jdbc:postgresql://db.internal:5432/parley").doesNotContain("hunter2");
            assertThat(backups.resolve("pg.db")).doesNotExist();
        }
        MainTest.Run missing = backup(Map.of("PARLEY_DATA", backups.resolve("empty").toString()), "--to", backups.resolve("x.db").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("found no Parley database");
        assertThat(backups.resolve("empty")).doesNotExist();
    }

    @Test
    void helpShowsTheFlags() {
        MainTest.Run help = backup("--help");

        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: parley backup --to FILE [--data DIR] [--config FILE]", "pg_dump");
        MainTest.Run noTarget = backup();
        assertThat(noTarget.status()).isEqualTo(2);
        assertThat(noTarget.err()).contains("missing --to");
    }

    private static void refused(MainTest.Run run, String message) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("parley: ").contains(message).doesNotContain("Exception", "\tat ");
        assertThat(run.err().strip().lines()).as("one line: %s", run.err()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    private static Posted post(Http http, String token, String body) {
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", "{\"page\":\"backed-up\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + token);
        if (reply.status() != 201) {
            throw new AssertionError("posting '" + body + "' answered " + reply.status() + " " + reply.text());
        }
        return new Posted(reply.json().get("id").asText(), System.nanoTime());
    }

    /** Waits until the writer has posted {@code wanted} comments; a writer that failed fails the test at once. */
    private static void awaitAtLeast(AtomicInteger count, int wanted, String what, CompletableFuture<Void> writer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count.get() < wanted) {
            if (writer.isDone()) {
                writer.join();
                throw new AssertionError("the writer stopped after " + count.get() + " " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + wanted + " " + what + "; saw " + count.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // between attempts of a deadline-bound poll
        }
    }

    private static List<String> ids(Path database) throws SQLException {
        return query(database, "SELECT id FROM comments");
    }

    private static String integrityCheck(Path database) throws SQLException {
        return String.join("\n", query(database, "PRAGMA integrity_check"));
    }

    private static List<String> query(Path database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
