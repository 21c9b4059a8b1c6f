package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.StoreConfig;
import org.parley.testing.ParleyProcess;
import org.parley.testing.RunningParley;
import org.parley.testing.TestDatabases;
import org.parley.web.ConfigKey;

/**
 * One server per SQLite file: a second {@code serve} or {@code demo} on it refuses to start, in this JVM and
 * in another process, while commands still run beside the server; PostgreSQL nodes share their database.
 */
class SqliteSingleServerTest {

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    /** What a {@code parley} command run in a JVM of its own did. */
    record ChildRun(int status, String out, String err) {
    }

    @Test
    void aSecondServerOnTheFileRefusesToStartNamingTheFileAndThePidOfTheFirst() throws Exception {
        Path database = dir.resolve("parley.db").toAbsolutePath();
        long pid = ProcessHandle.current().pid();
        try (RunningParley first = RunningParley.start(dir)) {
            assertThatThrownBy(() -> RunningParley.start(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("this process (pid " + pid + ") already serves SQLite database " + database);
            MainTest.Run demo = MainTest.run(Map.of(), "", "demo", "--data", dir.toString(), "--port", "0");
            assertThat(demo.status()).isEqualTo(1);
            assertThat(demo.err()).startsWith("parley: this process (pid " + pid + ") already serves SQLite database " + database);

            // After two refusals in this JVM, the operating system's lock still keeps other processes off the file.
            ChildRun serve = parley("serve", "--data", dir.toString(), "--port", "0");
            assertThat(serve.status()).as(serve.err()).isNotZero();
            assertThat(serve.err()).contains("parley: another Parley (pid " + pid + ") already serves SQLite database " + database)
                    .doesNotContain("Exception", "\tat ");
            assertThat(serve.out()).doesNotContain("Parley is running");

            assertThat(first.http().get("/health/ready").status()).as("the first server serves on").isEqualTo(200);
        }
        try (RunningParley next = RunningParley.start(dir)) {
            assertThat(next.http().get("/health/ready").status()).as("closing the first server let go of the file").isEqualTo(200);
        }
    }

    @Test
    void siteAdminAndBackupCommandsRunBesideTheServer() {
        Map<String, String> env = Map.of("PARLEY_DATA", dir.toString());
        try (RunningParley server = RunningParley.start(dir)) {
            for (String[] argv : List.of(
                    new String[] {"site", "save", "--id", "herald", "--name", "The Herald", "--origin", "https://herald.example"},
                    new String[] {"site", "list"},
                    new String[] {"admin", "create-user", "--username", "ed", "--role", "admin"},
                    new String[] {"admin", "list-users"},
                    new String[] {"backup", "--to", elsewhere.resolve("copy.db").toString()})) {
                MainTest.Run run = MainTest.run(env, "a long enough password\n", argv);
                assertThat(run.status()).as("parley %s: %s", String.join(" ", argv), run.err()).isZero();
            }
            assertThat(server.http().get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void postgresqlNodesShareOneDatabaseWithoutALock() {
        StoreConfig pg = TestDatabases.postgres(dir);
        Map<ConfigKey, String> onPostgres = Map.of(ConfigKey.DB_URL, pg.url(), ConfigKey.DB_USER, pg.user());
        try (RunningParley one = RunningParley.start(dir, Clock.systemUTC(), false, onPostgres);
             RunningParley two = RunningParley.start(dir, Clock.systemUTC(), false, onPostgres)) {
            assertThat(one.http().get("/health/ready").status()).isEqualTo(200);
            assertThat(two.http().get("/health/ready").status()).isEqualTo(200);
            assertThat(dir.resolve("parley.db.lock")).doesNotExist();
        } finally {
            TestDatabases.dropPostgres(pg);
        }
    }

    /** Runs {@code parley argv…} in a JVM of its own, as the jar runs; a command still running after 60 s fails the test. */
    private ChildRun parley(String... argv) throws IOException, InterruptedException {
        Path out = elsewhere.resolve("child.out");
        Path err = elsewhere.resolve("child.err");
        Process child = new ProcessBuilder(ParleyProcess.javaCommand(Main.class.getName(), argv))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("'parley " + String.join(" ", argv) + "' was still running after 60 s; it printed:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new ChildRun(child.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
