package org.parley.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.web.ConfigKey;

/**
 * Parley in a child JVM with the heap a newsroom would give it, for tests and benchmarks of memory:
 * SQLite in a directory of the caller's, site {@code courier}, every setting the default except the
 * per-address upload allowance (one machine plays many readers) and those the caller gives. The child prints {@code port <n>} once
 * it answers and stops when its standard input closes, so it also stops if the parent dies.
 */
public final class HeapLimitedParley implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Http http;

    private HeapLimitedParley(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.http = new Http("http://127.0.0.1:" + port());
    }

    /** Starts one in {@code dir} (data and log there) with these JVM options, e.g. {@code -Xmx256m}. */
    public static HeapLimitedParley start(Path dir, String... jvmOptions) throws IOException {
        return start(dir, Map.of(), jvmOptions);
    }

    /** Like {@link #start(Path, String...)}, with these settings as well. */
    public static HeapLimitedParley start(Path dir, Map<ConfigKey, String> settings, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), HeapLimitedParley.class.getName(), dir.resolve("data").toString()));
        settings.forEach((key, value) -> command.add(key.name() + "=" + value));
        Path log = dir.resolve("server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new HeapLimitedParley(process, log);
    }

    public Http http() {
        return http;
    }

    /** Everything the child wrote so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The port the child prints; fails with its log if it does not within a minute. */
    private int port() throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("port ")) {
                        return Integer.parseInt(line.substring(5).strip());
                    }
                }
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the child Parley never printed its port; its log:\n" + log());
    }

    /** The child's side: the data directory, then settings as {@code CONFIG_KEY=value}. */
    public static void main(String[] args) throws IOException {
        Map<ConfigKey, String> settings = new EnumMap<>(ConfigKey.class);
        settings.put(ConfigKey.MEDIA_UPLOADS_PER_ADDRESS, "1000");
        for (String setting : Arrays.asList(args).subList(1, args.length)) {
            settings.put(ConfigKey.valueOf(setting.substring(0, setting.indexOf('='))), setting.substring(setting.indexOf('=') + 1));
        }
        try (RunningParley parley = RunningParley.start(Path.of(args[0]), Clock.systemUTC(), false, settings)) {
            parley.site("courier", "https://courier.example");
            System.out.println("port " + parley.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close our input.
            }
        }
    }
}
