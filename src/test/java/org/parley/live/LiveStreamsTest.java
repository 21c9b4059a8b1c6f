package org.parley.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.sse.SseSink;
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

    /** Records what is emitted; after {@code failAfter} emits it fails like a closed connection. */
    static class RecordingSink implements SseSink {
        final List<SseEvent> sent = new CopyOnWriteArrayList<>();
        final int failAfter;
        final CountDownLatch closed = new CountDownLatch(1);

        RecordingSink(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public SseSink emit(SseEvent event) {
            if (sent.size() >= failAfter) {
                throw new IllegalStateException("connection reset");
            }
            sent.add(event);
            return this;
        }

        @Override
        public void close() {
            closed.countDown();
        }

        List<String> ids() {
            return sent.stream().flatMap(e -> e.id().stream()).toList();
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
        assertThat(sink.sent).hasSize(1).allSatisfy(e -> assertThat(e.comment()).contains("connected"));
    }

    @Test
    void aClientTooFarBehindIsDisconnectedSoItCatchesUpByReconnecting() throws Exception {
        LiveStreams streams = LiveStreams.create(Duration.ofSeconds(30), 4);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink slow = new RecordingSink(Integer.MAX_VALUE) {
            @Override
            public SseSink emit(SseEvent event) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.emit(event);
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
}
