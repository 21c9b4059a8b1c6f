package org.parley.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A program run by a test as its own process (the installed launcher, Parley's real {@code main}): its
 * standard output and error, merged, are kept line by line, and every wait has a deadline and says what it
 * waited for, with all the child printed.
 */
public final class ChildProcess implements AutoCloseable {

    /** How often a wait looks again at a condition the child's output does not signal, such as an HTTP answer. */
    private static final Duration RECHECK = Duration.ofMillis(200);

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    unread.add(line);
                }
            } catch (IOException ended) {
                // the child is gone; what it printed is kept
            }
        });
    }

    /** Starts {@code command} as {@code builder} describes it, with standard error merged into standard output. */
    public static ChildProcess start(ProcessBuilder builder) {
        try {
            return new ChildProcess(builder.redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("start " + builder.command(), e);
        }
    }

    /**
     * A loopback port free at the time of asking, for a child that must be told its port before it starts
     * (one that picks its own from 0 would have to report it back).
     */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("find a free port", e);
        }
    }

    /** Every line the child printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String output() {
        return String.join("\n", lines());
    }

    /** Waits for the first line, printed before or after this call, that contains {@code text}; returns it. */
    public String awaitLine(String text, Duration patience) {
        awaitCondition(() -> lines().stream().anyMatch(line -> line.contains(text)), patience, "a line with '" + text + "'");
        return lines().stream().filter(line -> line.contains(text)).findFirst().orElseThrow();
    }

    /**
     * Waits until {@code condition} holds: it is checked again whenever the child prints, and at least every
     * {@link #RECHECK}. Fails at once if the child ends first.
     */
    public void awaitCondition(BooleanSupplier condition, Duration patience, String what) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + patience + " for " + what + "; the child printed:\n" + output());
                }
                if (!process.isAlive() && unread.isEmpty()) {
                    throw new AssertionError("the child ended (status " + process.exitValue() + ") before " + what
                            + "; it printed:\n" + output());
                }
                unread.poll(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    /** Waits for the child to end by itself; returns its exit status, with all its output read. */
    public int awaitExit(Duration patience) {
        try {
            if (!process.waitFor(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("the child did not end within " + patience + "; it printed:\n" + output());
            }
            // Its output ends with it; the reader is done once it has read the last line.
            reader.join(patience);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child to end", e);
        }
    }

    /**
     * Asks the child to stop as a service manager does (SIGTERM) and waits for it; returns its exit status.
     * Signalled through its handle: {@code Process.destroy()} also closes the pipes, so whatever the child
     * writes while it shuts down would be lost.
     */
    public int stop(Duration patience) {
        process.toHandle().destroy();
        return awaitExit(patience);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
