package org.parley.testing;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Parley in a child JVM of its own, for tests that need limits the test JVM must not share, such as a small
 * file-descriptor limit ({@code ulimit -n}). The child prints {@code PORT n} once serving, then obeys lines on
 * its standard input: {@code hog} opens files until none can be opened ({@code HOGGED n}), {@code release}
 * closes them ({@code RELEASED}). Everything it prints (its log included) is kept for assertions.
 */
public final class ParleyProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private final Writer commands;
    private final int port;

    private ParleyProcess(Process process) {
        this.process = process;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the child is gone
            }
        });
        this.port = Integer.parseInt(await("PORT ", STARTUP).substring(5).strip());
    }

    /** Starts Parley on SQLite in {@code dataDir}, on a free port, allowed at most {@code maxOpenFiles} descriptors. */
    public static ParleyProcess start(Path dataDir, int maxOpenFiles) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + maxOpenFiles + " && exec \"$@\"", "parley-child"));
        command.addAll(javaCommand(ParleyProcess.class.getName(), dataDir.toString()));
        try {
            return new ParleyProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("start a child JVM", e);
        }
    }

    /** The command line that runs {@code mainClass} in a child JVM like this one: this JDK, the test class path. */
    public static List<String> javaCommand(String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    public int port() {
        return port;
    }

    /** Sends a command and returns the child's reply line, which starts with {@code reply}. */
    public String command(String command, String reply) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("send '" + command + "' to the child; it printed:\n" + output, e);
        }
        return await(reply, Duration.ofSeconds(30));
    }

    /** All the child printed so far. */
    public String output() {
        return output.toString();
    }

    private String await(String prefix, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            for (String line = lines.poll(patience.toNanos(), TimeUnit.NANOSECONDS); line != null;
                 line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("the child did not print '" + prefix + "…' within " + patience + "; it printed:\n" + output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The child: serves until its standard input ends. */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        try (RunningParley parley = RunningParley.start(Path.of(args[0]), Clock.systemUTC(), false, Map.of())) {
            out.println("PORT " + parley.port());
            List<FileInputStream> hogged = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                switch (command.strip()) {
                    case "hog" -> {
                        try {
                            while (true) {
                                hogged.add(new FileInputStream("/dev/null"));
                            }
                        } catch (IOException noneLeft) {
                            out.println("HOGGED " + hogged.size());
                        }
                    }
                    case "release" -> {
                        for (FileInputStream file : hogged) {
                            file.close();
                        }
                        hogged.clear();
                        out.println("RELEASED");
                    }
                    default -> out.println("UNKNOWN " + command);
                }
            }
        }
        System.exit(0);
    }
}
