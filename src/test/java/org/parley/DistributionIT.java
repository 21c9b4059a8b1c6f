package org.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChildProcess;
import org.parley.testing.Http;

/**
 * The archive a newsroom installs without Maven ({@code target/parley-VERSION.tar.gz}), unpacked with
 * {@code tar} as they would: its layout, its launcher finding a Java, and Parley serving from it. Runs after
 * {@code package} (Failsafe), which is what builds the archive.
 */
class DistributionIT {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static Path home;

    @BeforeAll
    static void unpack() throws IOException {
        Path archive = Path.of(System.getProperty("parley.distribution", "target/parley-missing.tar.gz"));
        assertThat(archive).as("the archive `mvn package` builds (run through `mvn verify`)").isRegularFile();
        Path unpacked = Files.createDirectory(dir.resolve("opt"));
        try (ChildProcess tar = ChildProcess.start(new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString()))) {
            assertThat(tar.awaitExit(Duration.ofSeconds(60))).as("tar -xzf %s: %s", archive, tar.output()).isZero();
        }
        try (Stream<Path> top = Files.list(unpacked)) {
            List<Path> entries = top.toList();
            assertThat(entries).as("one folder at the top of the archive").hasSize(1);
            home = entries.getFirst();
        }
        assertThat(home.getFileName().toString()).as("named after the archive").isEqualTo(
                archive.getFileName().toString().replace(".tar.gz", ""));
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarWithEveryLibraryItNamesAndTheExamples() throws IOException {
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/parley")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readString(home.resolve("bin/parley"))).startsWith("#!/bin/sh\n").doesNotContain("\r");
        for (String file : List.of("lib/parley.jar", "config/parley.properties.example", "systemd/parley.service", "INSTALL.md", "README.md")) {
            assertThat(home.resolve(file)).as(file).isRegularFile().isReadable();
        }
        try (JarFile jar = new JarFile(home.resolve("lib/parley.jar").toFile())) {
            var manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Main-Class")).isEqualTo("org.parley.cli.Main");
            List<String> classPath = Arrays.asList(manifest.getValue("Class-Path").split(" "));
            assertThat(classPath).as("the runtime libraries, beside the jar").isNotEmpty().allMatch(entry -> !entry.contains("/"));
            for (String library : classPath) {
                assertThat(home.resolve("lib").resolve(library)).as("lib/%s, named in the jar's Class-Path", library).isRegularFile();
            }
            try (Stream<Path> libs = Files.list(home.resolve("lib"))) {
                assertThat(libs.map(p -> p.getFileName().toString()).filter(name -> !name.equals("parley.jar")))
                        .as("nothing in lib/ the jar does not use").containsExactlyInAnyOrderElementsOf(classPath);
            }
        }
    }

    @Test
    void helpRunsThroughASymlinkWithAJavaFromTheUsualPlaces() throws IOException {
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("usr-local-bin")).resolve("parley"), home.resolve("bin/parley"));
        ProcessBuilder help = new ProcessBuilder(link.toString(), "help").directory(dir.toFile());
        help.environment().remove("JAVA_HOME");
        help.environment().put("PATH", "/usr/bin:/bin");
        try (ChildProcess run = ChildProcess.start(help)) {
            assertThat(run.awaitExit(START)).as(run.output()).isZero();
            assertThat(run.output()).startsWith("Usage: parley <command>");
        }
    }

    @Test
    void aJavaHomeTooOldIsNamedAndPassedOver() throws IOException {
        Path old = fakeJava("17.0.9");
        ProcessBuilder help = new ProcessBuilder(home.resolve("bin/parley").toString(), "help");
        help.environment().put("JAVA_HOME", old.toString());
        try (ChildProcess run = ChildProcess.start(help)) {
            assertThat(run.awaitExit(START)).as(run.output()).isZero();
            assertThat(run.lines().getFirst()).startsWith("parley: ignoring JAVA_HOME (" + old.resolve("bin/java") + " is Java 17, older than 21); using ");
        }
    }

    /**
     * With no usable Java anywhere, the launcher lists what it found and why each would not do. Hiding the
     * machine's own Javas needs a private mount namespace, so this runs where {@code unshare -m} may (as root).
     */
    @Test
    void withNoJavaNewEnoughTheLauncherSaysWhatItFoundWanting() throws IOException {
        Path old = fakeJava("1.8.0_402");
        ProcessBuilder probe = new ProcessBuilder("unshare", "-m", "mount", "-t", "tmpfs", "none", "/usr/lib/jvm");
        try (ChildProcess run = ChildProcess.start(probe)) {
            assumeThat(run.awaitExit(Duration.ofSeconds(10))).as("unshare -m and mount work here: " + run.output()).isZero();
        }
        ProcessBuilder help = new ProcessBuilder("unshare", "-m", "sh", "-c",
                "mount -t tmpfs none /usr/lib/jvm && exec \"$0\" help", home.resolve("bin/parley").toString());
        help.environment().remove("JAVA_HOME");
        help.environment().put("PATH", old.resolve("bin") + ":/usr/bin:/bin");
        try (ChildProcess run = ChildProcess.start(help)) {
            assertThat(run.awaitExit(START)).isEqualTo(1);
            assertThat(run.output()).startsWith("parley: needs Java 21 or newer (25 recommended) and found none:\n"
                    + "  JAVA_HOME: not set\n"
                    + "  java on PATH: " + old.resolve("bin/java") + " is Java 8, older than 21\n"
                    + "Install one");
        }
    }

    @Test
    void serveAnswersFromTheArchiveAndStopsOnSigterm() throws IOException {
        int port = ChildProcess.freeLoopbackPort();
        Path work = Files.createDirectories(dir.resolve("srv"));
        ProcessBuilder serve = new ProcessBuilder(home.resolve("bin/parley").toString(), "serve", "--port", String.valueOf(port),
                "--data", work.resolve("data").toString()).directory(work.toFile());
        serve.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        serve.environment().put("PARLEY_HOST", "127.0.0.1");
        Http http = new Http("http://127.0.0.1:" + port);
        try (ChildProcess parley = ChildProcess.start(serve)) {
            parley.awaitCondition(() -> answers(http, "/"), START, "HTTP 200 from GET / on port " + port);
            var widget = http.get("/widget/parley.js");
            assertThat(widget.status()).isEqualTo(200);
            assertThat(http.get("/api/v1/openapi.json").status()).isEqualTo(200);
            // A line break sent encoded in the path must not start a line of the text log.
            assertThat(http.get("/x%0A12:00:00.000%20access%20GET%20/admin%20200%201ms").status()).isEqualTo(404);
            assertThat(parley.output()).contains("Parley is running at http://localhost:" + port + "/ (store: sqlite)");
            // The JVM ends with 143 (128 + SIGTERM) once its shutdown hooks have run.
            assertThat(parley.stop(Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(parley.output()).as("the text access log of the shipped configuration")
                    .contains(" access GET /widget/parley.js 200 ").contains(" access GET /x%0A12:00:00.000%20access");
            assertThat(parley.lines()).noneMatch(line -> line.startsWith("12:00:00.000 access"));
            assertThat(widget.header("X-Request-Id")).isPresent();
        }
        assertThat(work.resolve("data/parley.db")).isRegularFile();
    }

    /**
     * Java 25 and newer: {@code parley aot-cache} builds the AOT cache, every command then starts with it, and a
     * cache that no longer fits (a jar changed since; a damaged file) is passed over, never a reason not to start.
     */
    @Test
    void theAotCacheIsBuiltUsedAndPassedOverWhenItNoLongerFits() throws IOException {
        assumeThat(Runtime.version().feature()).as("the AOT cache needs Java 25 or newer").isGreaterThanOrEqualTo(25);
        Path cache = dir.resolve("aot/parley.aot");
        Files.createDirectories(cache.getParent());
        // -Xlog:aot=info (after the launcher's own -Xlog) makes the JVM say whether it opened the cache.
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"), "PARLEY_AOT_CACHE", cache.toString(),
                "PARLEY_JAVA_OPTS", "-Xmx256m -Xlog:aot=info");
        try (ChildProcess build = launch(env, "aot-cache")) {
            assertThat(build.awaitExit(Duration.ofMinutes(3))).as(build.output()).isZero();
        }
        assertThat(cache).isRegularFile();
        assertThat(Files.size(cache)).isGreaterThan(1 << 20);
        try (ChildProcess again = launch(env, "aot-cache")) {
            assertThat(again.awaitExit(START)).as(again.output()).isZero();
            assertThat(again.output()).contains("is current");
        }
        assertThat(helpOutput(env)).contains("Opened AOT cache");

        Files.setLastModifiedTime(home.resolve("lib/parley.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(helpOutput(env)).as("a jar newer than the cache").doesNotContain("Opened AOT cache");
        Files.setLastModifiedTime(home.resolve("lib/parley.jar"), FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(helpOutput(env)).contains("Opened AOT cache");

        Files.write(cache, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now()));
        assertThat(helpOutput(env)).as("a damaged cache").startsWith("[").contains("Usage: parley <command>");
        Map<String, String> off = new HashMap<>(env);
        off.put("PARLEY_AOT_CACHE", "off");
        assertThat(helpOutput(off)).doesNotContain("Opened AOT cache").contains("Usage: parley <command>");
    }

    private static ChildProcess launch(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/parley").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(env);
        return ChildProcess.start(builder);
    }

    private static String helpOutput(Map<String, String> env) {
        try (ChildProcess help = launch(env, "help")) {
            assertThat(help.awaitExit(START)).as(help.output()).isZero();
            return help.output();
        }
    }

    private static boolean answers(Http http, String path) {
        try {
            return http.get(path).status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** A Java home whose {@code release} file says {@code version}, as the launcher reads it; its java never runs. */
    private static Path fakeJava(String version) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Nobody\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'this Java is only a name' >&2\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jdk;
    }
}
