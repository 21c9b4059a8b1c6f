package org.parley.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The per-client side of live streams, with a recording sink in place of a socket: what a client is
 * sent, and that a client that went away, or fell too far behind, is let go.
 */
class LiveStreamsTest {

    /** Records what is written, frame by frame; after {@code failAfter} frames it fails like a closed connection. */
    static class RecordingSink extends OutputStream {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final int failAfter;
        final CountDownLatch closed = new CountDownLatch(1);
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        RecordingSink(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (sent.size() >= failAfter) {
                throw new IOException("connection reset");
            }
            sent.add(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }

        @Override
        public void close() {
            closed.countDown();
        }

        List<String> ids() {
            return sent.stream().flatMap(frame -> frame.lines().filter(line -> line.startsWith("id: ")).map(line -> line.substring(4))).toList();
        }
    }

    static void awaitCondition(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void aClientGetsItsReplayThenLiveMessagesWithoutDuplicates() throws Exception {
        LiveStreams streams = LiveStreams.create(Duration.ofSeconds(30), 16);
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE);
        Thread client = Thread.ofVirtual().start(() -> streams.serve("page", sink, 3,
                seen -> List.of(new LiveMessage(4, "posted", "{}"), new LiveMessage(5, "posted", "{}")), message -> true));
        awaitCondition("the client to register", () -> streams.hasClients("page"));

        streams.broadcast("page", new LiveMessage(5, "posted", "{}"));
        streams.broadcast("page", new LiveMessage(6, "voted", "{}"));
        awaitCondition("message 6", () -> sink.ids().contains("6"));
        streams.close();
        client.join(5_000);

        assertThat(sink.ids()).containsExactly("4", "5", "6");
        assertThat(sink.closed.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClientWhoseConnectionDiedIsDroppedAtTheNextHeartbeat() throws Exception {
        LiveStreams streams = LiveStreams.create(Duration.ofMillis(50), 16);
        RecordingSink sink = new RecordingSink(1);
        Thread client = Thread.ofVirtual().start(() -> streams.serve("page", sink, 0, seen -> List.of(), message -> true));

        client.join(5_000);

        assertThat(client.isAlive()).isFalse();
        assertThat(streams.hasClients("page")).isFalse();
        assertThat(streams.clientCount()).isZero();
        assertThat(sink.sent).containsExactly(": connected\n\n");
    }

    @Test
    void aClientTooFarBehindIsDisconnectedSoItCatchesUpByReconnecting() throws Exception {
        LiveStreams streams = LiveStreams.create(Duration.ofSeconds(30), 4);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink slow = new RecordingSink(Integer.MAX_VALUE) {
            @Override
            public void flush() throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.flush();
            }
        };
        Thread client = Thread.ofVirtual().start(() -> streams.serve("page", slow, 0, seen -> List.of(), message -> true));
        awaitCondition("the client to register", () -> streams.hasClients("page"));
        for (int i = 1; i <= 10; i++) {
            streams.broadcast("page", new LiveMessage(i, "posted", "{}"));
        }
        release.countDown();
        client.join(5_000);

        assertThat(client.isAlive()).as("the stream ended").isFalse();
        assertThat(slow.ids()).hasSizeLessThan(10);
        assertThat(streams.clientCount()).isZero();
    }

    @Test
    void closingTellsEachClientWhenToReconnectAndEndsItsStream() throws Exception {
        LiveStreams streams = LiveStreams.create(Duration.ofSeconds(30), 16);
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE);
        Thread client = Thread.ofVirtual().start(() -> streams.serve("page", sink, 0, seen -> List.of(), message -> true));
        awaitCondition("the client to register", () -> streams.hasClients("page"));

        streams.broadcast("page", new LiveMessage(1, "posted", "{\"html\":\"<p>one</p>\\n<p>two</p>\"}\nnot a field"));
        awaitCondition("message 1", () -> sink.ids().contains("1"));
        streams.close();
        client.join(5_000);

        assertThat(sink.sent.get(1)).as("data with a line break stays data").isEqualTo(
                "id: 1\nevent: posted\ndata: {\"html\":\"<p>one</p>\\n<p>two</p>\"}\ndata: not a field\n\n");
        String last = sink.sent.getLast();
        assertThat(last).startsWith("retry: ").endsWith(": server stopping; reconnect\n\n");
        long retry = Long.parseLong(last.substring("retry: ".length(), last.indexOf('\n')));
        assertThat(retry).isBetween(1_000L, LiveStreams.RECONNECT_SPREAD.toMillis() + 1_000L);
        assertThat(sink.closed.await(1, TimeUnit.SECONDS)).isTrue();
    }
}
