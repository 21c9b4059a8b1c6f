package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.SseClient;

/**
 * Stopping a server that is busy: readers posting lose nothing and see no server error, and live readers
 * are told to come back shortly instead of finding their stream cut.
 */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void aServerStoppingUnderLoadFinishesItsWritesAndSendsLiveReadersAReconnectHint() throws Exception {
        RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of());
        parley.site("courier");
        Http http = parley.http();
        ConcurrentLinkedQueue<String> published = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch posting = new CountDownLatch(40);
        List<String> tokens = List.of(parley.guestToken("courier"), parley.guestToken("courier"), parley.guestToken("courier"));

        try (SseClient live = SseClient.open(http.base() + "/api/v1/sites/courier/live?page=busy")) {
            live.nextComment("connected", Duration.ofSeconds(5));
            List<Thread> writers = tokens.stream().map(token -> Thread.ofVirtual().start(() -> {
                int n = 0;
                while (true) {
                    Http.Reply reply;
                    try {
                        reply = http.post("/api/v1/sites/courier/comments",
                                "{\"page\":\"busy\",\"body\":\"Comment " + ++n + " while the server stops\"}", "Authorization", "Bearer " + token);
                    } catch (RuntimeException refused) {
                        if (stopping.get()) {
                            return; // the port is closed: the client would try another node
                        }
                        failures.add(refused.toString());
                        return;
                    }
                    if (reply.status() == 201) {
                        published.add(reply.json().get("id").asText());
                        posting.countDown();
                    } else {
                        failures.add(reply.status() + " " + reply.text());
                        return;
                    }
                }
            })).toList();
            assertThat(posting.await(30, TimeUnit.SECONDS)).as("40 comments posted before stopping").isTrue();

            stopping.set(true);
            long start = System.nanoTime();
            parley.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(30));
            }

            assertThat(failures).as("no server error or dropped answer while stopping").isEmpty();
            assertThat(took).as("stopping waits for requests in progress, not for the whole grace period")
                    .isLessThan(Duration.ofSeconds(8));
            assertThat(live.nextRetry("the reconnect hint", Duration.ofSeconds(5))).as("come back in 1 to 6 s")
                    .isBetween(1_000L, 6_000L);
            assertThat(live.ends(Duration.ofSeconds(5))).as("then the stream ends").isTrue();
        }

        try (RunningParley again = RunningParley.start(dir)) {
            for (String id : published) {
                assertThat(again.http().get("/api/v1/sites/courier/comments/" + id).status())
                        .as("comment %s, answered 201 before the stop, is stored", id).isEqualTo(200);
            }
        }
    }
}
