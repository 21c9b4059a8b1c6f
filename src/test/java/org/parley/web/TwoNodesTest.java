package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.moderation.Premoderation;
import org.parley.moderation.QueueKind;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.StaffUser;
import org.parley.store.StoreConfig;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.SseClient;
import org.parley.testing.TestDatabases;

/**
 * Two Parley nodes on one PostgreSQL database, behind no load balancer: a reader's requests may reach
 * either, and each must act as if there were one Parley. Everything goes over real HTTP.
 */
class TwoNodesTest {

    static final Duration SECOND = Duration.ofSeconds(1);
    static final String THREAD = "/api/v1/sites/courier/thread?page=";

    @TempDir
    Path dir;
    StoreConfig pg;
    RunningParley a;
    RunningParley b;

    @BeforeEach
    void start() {
        pg = TestDatabases.postgres(dir);
        a = node("a");
        b = node("b");
        a.site("courier");
    }

    @AfterEach
    void stop() {
        for (RunningParley node : new RunningParley[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        TestDatabases.dropPostgres(pg);
    }

    RunningParley node(String name) {
        return RunningParley.start(dir.resolve(name), Clock.systemUTC(), false,
                Map.of(ConfigKey.DB_URL, pg.url(), ConfigKey.DB_USER, pg.user(), ConfigKey.LIVE_HEARTBEAT_SECONDS, "1",
                        ConfigKey.MODERATION_COMMENTS_PER_MINUTE, "5"));
    }

    static String post(Http node, String token, String page, String body) {
        var reply = node.post("/api/v1/sites/courier/comments", "{\"page\":\"" + page + "\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static String reply(Http node, String token, String page, String parent, String body) {
        var reply = node.post("/api/v1/sites/courier/comments",
                "{\"page\":\"" + page + "\",\"parentId\":\"" + parent + "\",\"body\":\"" + body + "\"}", "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static JsonNode thread(Http node, String page, String... headers) {
        return node.get(THREAD + page, headers).json();
    }

    /** Waits until {@code condition} holds, at most {@code limit}, polling; fails naming {@code what}. */
    static void within(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // between attempts of a deadline-bound poll
        }
    }

    @Test
    void aCommentPostedOnOneNodeIsOnTheOthersThreadCountsRepliesAndRoutesAtOnce() {
        String poster = a.guestToken("courier");
        thread(b.http(), "at-once");
        String id = post(a.http(), poster, "at-once", "Posted on node A");

        JsonNode own = thread(b.http(), "at-once", "Authorization", "Bearer " + poster);
        assertThat(own.at("/comments/0/id").asText()).as("the poster reads their own comment on node B at once").isEqualTo(id);
        assertThat(own.at("/page/commentCount").asInt()).isEqualTo(1);
        within(SECOND, "an anonymous reader on node B sees the comment", () -> thread(b.http(), "at-once").at("/comments/0/id")
                .asText().equals(id));

        assertThat(b.http().get("/api/v1/sites/courier/comments/" + id).status()).isEqualTo(200);
        String answer = reply(b.http(), b.guestToken("courier"), "at-once", id, "Answered on node B");
        JsonNode replies = a.http().get("/api/v1/sites/courier/comments/" + id + "/replies", "Authorization", "Bearer " + poster).json();
        assertThat(replies.at("/comments/0/id").asText()).as("a reply posted on B, read on A").isEqualTo(answer);

        String reader = b.guestToken("courier");
        String fresh = post(a.http(), a.guestToken("courier"), "at-once", "Another from A");
        assertThat(b.http().post("/api/v1/sites/courier/comments/" + fresh + "/reports", "{\"reason\":\"spam\"}",
                "Authorization", "Bearer " + reader).status()).as("reported on B right after A published it").isEqualTo(201);
        assertThat(b.http().post("/api/v1/sites/courier/blocks", "{\"commentId\":\"" + fresh + "\"}",
                "Authorization", "Bearer " + reader).status()).as("blocked on B right after A published it").isEqualTo(201);
    }

    @Test
    void aLiveReaderOnOneNodeReceivesWhatIsPostedOnTheOtherAndResumesAnywhere() throws Exception {
        String token = a.guestToken("courier");
        post(a.http(), token, "live", "Before anyone listens");
        String lastSeen;
        try (SseClient onB = SseClient.open(b.http().base() + "/api/v1/sites/courier/live?page=live")) {
            onB.nextComment("connected", SECOND);
            post(a.http(), token, "live", "Posted on A");
            SseClient.Event event = onB.next("the comment posted on A, on B's stream", SECOND);
            assertThat(event.data()).contains("Posted on A");
            lastSeen = event.id();
        }
        post(b.http(), token, "live", "Missed while away");
        try (SseClient onA = SseClient.open(a.http().base() + "/api/v1/sites/courier/live?page=live", "Last-Event-ID", lastSeen)) {
            assertThat(onA.next("the missed comment, replayed on A", SECOND).data()).contains("Missed while away");
        }
    }

    @Test
    void aNodeThatLostItsConnectionToTheOthersCatchesUp() throws Exception {
        String token = a.guestToken("courier");
        post(a.http(), token, "outage", "Before the outage");
        try (SseClient onB = SseClient.open(b.http().base() + "/api/v1/sites/courier/live?page=outage")) {
            onB.nextComment("connected", SECOND);
            dropListeningConnections();
            post(a.http(), token, "outage", "Posted while B was not listening");
            within(Duration.ofSeconds(5), "node B says it listens to the other nodes again", () ->
                    b.http().get("/health/ready").json().at("/checks/otherNodes/status").asText().equals("UP"));
            assertThat(onB.next("the comment B's listener may have missed", Duration.ofSeconds(5)).data())
                    .contains("Posted while B was not listening");
            post(a.http(), token, "outage", "Posted after it came back");
            assertThat(onB.next("the next comment", SECOND).data()).contains("Posted after it came back");
        }
    }

    @Test
    void aRestartedNodeServesWhatWasPostedWhileItWasDown() throws Exception {
        String token = a.guestToken("courier");
        String first = post(b.http(), token, "restart", "Before the restart");
        thread(b.http(), "restart");
        b.close();
        String during = post(a.http(), token, "restart", "While B was down");
        b = node("b");
        JsonNode thread = thread(b.http(), "restart&sort=oldest");
        assertThat(thread.get("comments")).extracting(c -> c.get("id").asText()).containsExactly(first, during);
        try (SseClient resumed = SseClient.open(b.http().base() + "/api/v1/sites/courier/live?page=restart", "Last-Event-ID", "1")) {
            assertThat(resumed.next("the comment posted while B was down, replayed by the new B", SECOND).data())
                    .contains("While B was down");
        }
    }

    @Test
    void aBlockAndTheLiveTicketNamingItHoldOnTheOtherNodeAndAfterARestart() {
        String troll = a.guestToken("courier");
        String reader = a.guestToken("courier");
        String provocation = post(a.http(), troll, "blocks", "Provocation");
        thread(b.http(), "blocks", "Authorization", "Bearer " + reader);
        assertThat(a.http().post("/api/v1/sites/courier/blocks", "{\"commentId\":\"" + provocation + "\"}",
                "Authorization", "Bearer " + reader).status()).isEqualTo(201);
        within(SECOND, "node B leaves the blocked commenter out of the reader's thread", () -> thread(b.http(), "blocks",
                "Authorization", "Bearer " + reader).get("comments").isEmpty());
        assertThat(thread(b.http(), "blocks").get("comments")).as("everyone else still sees it").hasSize(1);

        String ticket = a.http().get("/api/v1/sites/courier/blocks", "Authorization", "Bearer " + reader).json().get("liveTicket").asText();
        String onB = "/api/v1/sites/courier/live?page=blocks&viewer=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
        try (SseClient stream = SseClient.open(b.http().base() + onB)) {
            stream.nextComment("connected: node B took node A's ticket", SECOND);
            post(a.http(), troll, "blocks", "More provocation");
            post(a.http(), b.guestToken("courier"), "blocks", "A calm remark");
            assertThat(stream.next("the calm remark, and not the blocked commenter's", SECOND).data()).contains("A calm remark");
        }
        b.close();
        b = node("b");
        try (SseClient stream = SseClient.open(b.http().base() + onB)) {
            stream.nextComment("connected: a restarted node takes the ticket too", SECOND);
        }
        String forged = onB.substring(0, onB.length() - 1) + (onB.endsWith("x") ? "y" : "x");
        assertThat(b.http().get(forged).status()).as("a forged ticket").isEqualTo(400);
    }

    @Test
    void aCommentersAllowanceIsSharedByBothNodes() {
        String token = a.guestToken("courier");
        for (int i = 0; i < 5; i++) {
            post(i % 2 == 0 ? a.http() : b.http(), token, "allowance", "Comment number " + i);
        }
        for (Http node : new Http[] {a.http(), b.http()}) {
            var refused = node.post("/api/v1/sites/courier/comments", "{\"page\":\"allowance\",\"body\":\"One too many\"}",
                    "Authorization", "Bearer " + token);
            assertThat(refused.status()).as("the sixth in a minute, on either node").isEqualTo(429);
            assertThat(refused.header("Retry-After")).isPresent();
        }
    }

    @Test
    void aSpamWaveSpreadOverBothNodesIsFlaggedAndARuleChangedOnOneHoldsOnTheOther() {
        String text = "Cheap watches and bags at the best prices online today";
        for (int i = 0; i < 3; i++) {
            post(i % 2 == 0 ? a.http() : b.http(), a.guestToken("courier"), "wave", text);
        }
        StaffUser editor = a.parley().staff().createUser(new NewStaffUser("Editor", Role.ADMIN, List.of()), "correct horse battery");
        var flagged = b.parley().moderation().queue(editor, QueueKind.FLAGGED, Optional.of(new SiteId("courier")), Optional.empty(), 50);
        assertThat(flagged.cases()).as("the third copy, posted on A after one on B").anySatisfy(c ->
                assertThat(c.item().reasons()).anySatisfy(reason -> assertThat(reason.summary()).startsWith("Spam wave: the same text 3 times")));

        SiteId courier = new SiteId("courier");
        a.parley().moderation().saveRules(editor, courier, a.parley().moderation().rules(editor, courier)
                .withPremoderation(Premoderation.ALL), "Election night: every comment waits for a moderator");
        within(SECOND, "node B holds new comments under the rule saved on node A", () -> {
            var reply = b.http().post("/api/v1/sites/courier/comments", "{\"page\":\"rules\",\"body\":\"Held?\"}",
                    "Authorization", "Bearer " + b.guestToken("courier"));
            return reply.json().get("status").asText().equals("pending");
        });
    }

    /** Ends both nodes' listening connections on the server side, as a network failure or a failover would. */
    void dropListeningConnections() throws SQLException {
        try (var connection = DriverManager.getConnection(pg.url(), pg.user(), "");
             var statement = connection.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            statement.setString(1, "parley_" + pg.url().substring(pg.url().indexOf("currentSchema=") + "currentSchema=".length()));
            var dropped = statement.executeQuery();
            int count = 0;
            while (dropped.next()) {
                count++;
            }
            assertThat(count).as("listening connections dropped").isEqualTo(2);
        }
    }
}
