package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.SseClient;
import org.parley.web.ConfigKey;

/** The live stream per page: changes arrive within a second, in order, and a reconnect loses nothing. */
class LiveRoutesTest {

    static final Duration SECOND = Duration.ofSeconds(1);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(ConfigKey.LIVE_HEARTBEAT_SECONDS, "1"));
        http = parley.http();
        parley.site("courier");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    static String live(String page) {
        return http.base() + "/api/v1/sites/courier/live?page=" + page;
    }

    static String post(String token, String page, String body) {
        var reply = http.post("/api/v1/sites/courier/comments", "{\"page\":\"" + page + "\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static JsonNode data(SseClient.Event event) throws Exception {
        return JSON.readTree(event.data());
    }

    @Test
    void newEditedVotedAndDeletedCommentsArriveWithinASecond() throws Exception {
        String author = parley.guestToken("courier");
        try (SseClient stream = SseClient.open(live("live-all"))) {
            assertThat(stream.status()).isEqualTo(200);
            String id = post(author, "live-all", "Live one");
            SseClient.Event posted = stream.next("posted event", SECOND);
            assertThat(posted.name()).isEqualTo("posted");
            assertThat(data(posted).get("html").asText()).isEqualTo("<p>Live one</p>");

            http.patch("/api/v1/sites/courier/comments/" + id, "{\"body\":\"Live two\"}", "Authorization", "Bearer " + author);
            SseClient.Event edited = stream.next("edited event", SECOND);
            assertThat(edited.name()).isEqualTo("edited");
            assertThat(data(edited).get("html").asText()).isEqualTo("<p>Live two</p>");

            http.put("/api/v1/sites/courier/comments/" + id + "/vote", "{\"value\":1}", "Authorization", "Bearer " + parley.guestToken("courier"));
            SseClient.Event voted = stream.next("voted event", SECOND);
            assertThat(voted.name()).isEqualTo("voted");
            assertThat(data(voted).get("up").asInt()).isEqualTo(1);

            http.delete("/api/v1/sites/courier/comments/" + id, "Authorization", "Bearer " + author);
            SseClient.Event deleted = stream.next("deleted event", SECOND);
            assertThat(deleted.name()).isEqualTo("deleted");
            assertThat(data(deleted).get("placeholder").asBoolean()).isFalse();

            assertThat(Long.parseLong(deleted.id())).isGreaterThan(Long.parseLong(posted.id()));
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysWhatWasMissedAndNothingElse() throws Exception {
        String token = parley.guestToken("courier");
        String lastSeen;
        try (SseClient stream = SseClient.open(live("live-resume"))) {
            post(token, "live-resume", "Seen");
            lastSeen = stream.next("first event", SECOND).id();
        }
        post(token, "live-resume", "Missed one");
        post(token, "live-resume", "Missed two");

        try (SseClient resumed = SseClient.open(live("live-resume"), "Last-Event-ID", lastSeen)) {
            SseClient.Event one = resumed.next("replayed event", SECOND);
            SseClient.Event two = resumed.next("second replayed event", SECOND);
            assertThat(data(one).get("html").asText()).isEqualTo("<p>Missed one</p>");
            assertThat(data(two).get("html").asText()).isEqualTo("<p>Missed two</p>");
            assertThat(resumed.drain(Duration.ofMillis(300))).isEmpty();

            post(token, "live-resume", "After");
            assertThat(data(resumed.next("live event after replay", SECOND)).get("html").asText()).isEqualTo("<p>After</p>");
        }
    }

    @Test
    void aStreamOpenedRightAfterLoadingTheThreadCatchesUpFromItsVersion() throws Exception {
        String token = parley.guestToken("courier");
        post(token, "live-since", "Loaded");
        long version = http.get("/api/v1/sites/courier/thread?page=live-since").json().get("version").asLong();
        post(token, "live-since", "Posted between load and connect");

        try (SseClient stream = SseClient.open(live("live-since") + "&since=" + version)) {
            assertThat(data(stream.next("catch-up event", SECOND)).get("html").asText())
                    .isEqualTo("<p>Posted between load and connect</p>");
        }
    }

    @Test
    void idleStreamsGetHeartbeatsSoDeadClientsAreNoticed() {
        try (SseClient stream = SseClient.open(live("live-idle"))) {
            assertThat(stream.nextComment("connected comment", SECOND).comment()).isEqualTo("connected");
            assertThat(stream.nextComment("heartbeat", Duration.ofSeconds(3)).comment()).isEqualTo("heartbeat");
        }
    }

    @Test
    void aStreamOnlyCarriesItsOwnPage() {
        try (SseClient stream = SseClient.open(live("live-mine"))) {
            post(parley.guestToken("courier"), "live-someone-elses", "Not for you");
            post(parley.guestToken("courier"), "live-mine", "For you");
            assertThat(stream.next("own page event", SECOND).data()).contains("For you");
        }
    }

    @Test
    void aServerHoldingAsManyLiveReadersAsItMayRefusesTheNextWith503UntilOneLeaves(@TempDir Path own) {
        try (RunningParley small = RunningParley.start(own, Clock.systemUTC(), false, Map.of(ConfigKey.LIVE_MAX_CLIENTS, "2", ConfigKey.LIVE_HEARTBEAT_SECONDS, "1"))) {
            small.site("courier");
            String url = small.http().base() + "/api/v1/sites/courier/live?page=crowded";
            try (SseClient first = SseClient.open(url); SseClient second = SseClient.open(url)) {
                first.nextComment("first connected", SECOND);
                second.nextComment("second connected", SECOND);
                var refused = small.http().get("/api/v1/sites/courier/live?page=elsewhere");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.json().get("type").asText()).isEqualTo("urn:parley:problem:live-full");
                assertThat(refused.header("Retry-After")).hasValue("30");
                assertThat(small.http().get("/api/v1/sites/courier/thread?page=crowded").status()).as("reading still works").isEqualTo(200);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            SseClient again = null;
            while (again == null) {
                SseClient attempt = SseClient.open(url);
                if (attempt.status() == 200) {
                    again = attempt;
                } else {
                    attempt.close();
                    assertThat(System.nanoTime()).as("a place frees up within 5 s (the heartbeat finds the gone readers)").isLessThan(deadline);
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // between attempts of a deadline-bound poll
                }
            }
            again.nextComment("connected once the others left", SECOND);
            again.close();
        }
    }
}
