package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run the launchers record into the JDK's AOT cache: if it broke, every launcher would quietly
 * start without a cache, so it is run here as the launcher runs it (without recording, which only the JVM does).
 */
class StartupTrainingTest {

    @TempDir
    Path dir;

    @Test
    void theTrainingRunServesReadsAndPostsOnATemporaryDatabaseAndLeavesNothingBehind() throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String previous = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        MainTest.Run run;
        try {
            // A newsroom's settings in the environment must not reach the training run's server.
            run = MainTest.run(Map.of("PARLEY_DATA", dir.resolve("newsroom").toString(), "PARLEY_PORT", "1"), "", "aot-cache");
        } finally {
            System.setProperty("java.io.tmpdir", previous);
        }
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("this run records nothing", "training run done (" + StartupTraining.ROUNDS + " rounds");
        assertThat(dir.resolve("newsroom")).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            // (The SQLite driver may unpack its native library there, as in any process.)
            assertThat(left.filter(file -> file.getFileName().toString().startsWith("parley")))
                    .as("what the training run left in the temporary directory").isEmpty();
        }
    }
}
