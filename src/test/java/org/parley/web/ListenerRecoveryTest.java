package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ParleyProcess;
import org.parley.testing.RawConnection;

/**
 * When the process runs out of file descriptors, Helidon's listener closes its port for good. Parley must
 * serve again once descriptors are free. Each case runs Parley in a child JVM with a small descriptor limit.
 */
class ListenerRecoveryTest {

    private static final int MAX_OPEN_FILES = 400;
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aFloodOfConnectionsBeyondTheDescriptorLimitLeavesTheServerAnsweringOnceItEnds() {
        try (ParleyProcess child = ParleyProcess.start(dir, MAX_OPEN_FILES)) {
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < MAX_OPEN_FILES + 100; i++) {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", child.port()), 2_000);
                    flood.add(socket);
                }
            } catch (IOException refusedOrFull) {
                // the flood went as far as it could
            } finally {
                flood.forEach(ListenerRecoveryTest::closeQuietly);
            }
            assertThat(flood).as("connections opened before the server stopped taking them").hasSizeGreaterThan(100);
            assertAnswersWithin(child, RECOVERY);
        }
    }

    @Test
    void whenDescriptorsRunOutElsewhereTheListenerIsReopenedOnceTheyAreFree() {
        try (ParleyProcess child = ParleyProcess.start(dir, MAX_OPEN_FILES)) {
            assertAnswersWithin(child, RECOVERY);
            child.command("hog", "HOGGED");
            // Accepting this connection needs a descriptor there is none of: Helidon's listener gives up and closes.
            try (Socket victim = new Socket("127.0.0.1", child.port())) {
                awaitRefused(child);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            child.command("release", "RELEASED");
            assertAnswersWithin(child, RECOVERY);
            assertThat(child.output()).contains("no longer accepts connections").contains("accepts connections again");
        }
    }

    private static void assertAnswersWithin(ParleyProcess child, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "nothing tried";
        while (System.nanoTime() < deadline) {
            try (RawConnection connection = RawConnection.open(child.port())) {
                int status = connection.send("GET /api/v1/openapi.json HTTP/1.1\r\nHost: test\r\n\r\n").read(Duration.ofSeconds(5)).status();
                if (status == 200) {
                    return;
                }
                last = "status " + status;
            } catch (UncheckedIOException | AssertionError e) {
                last = e.toString();
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // between attempts of a deadline-bound poll
        }
        throw new AssertionError("the child did not answer GET within " + patience + " (last: " + last + "); it printed:\n" + child.output());
    }

    private static void awaitRefused(ParleyProcess child) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", child.port()), 1_000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                // not refused yet
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // between attempts of a deadline-bound poll
        }
        throw new AssertionError("the listener kept accepting with no descriptors left; the child printed:\n" + child.output());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the test is done with it
        }
    }
}
