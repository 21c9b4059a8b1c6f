package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.SseClient;

/** A reader blocks a commenter over HTTP: the thread they read changes, nobody else's does. */
class BlockRoutesTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir);
        http = parley.http();
        parley.site("courier");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    static String post(String token, String page, String parent, String body) {
        String parentJson = parent == null ? "" : ",\"parentId\":\"" + parent + "\"";
        var reply = http.post("/api/v1/sites/courier/comments",
                "{\"page\":\"" + page + "\",\"body\":\"" + body + "\",\"name\":\"Troll\"" + parentJson + "}", "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static JsonNode thread(String page, String token) {
        return token == null ? http.get("/api/v1/sites/courier/thread?page=" + page + "&sort=oldest").json()
                : http.get("/api/v1/sites/courier/thread?page=" + page + "&sort=oldest", "Authorization", "Bearer " + token).json();
    }

    @Test
    void aBlockedCommentersCommentsDisappearForTheBlockerOnlyAndRepliesStayUnderAPlaceholder() {
        String troll = parley.guestToken("courier");
        String reader = parley.guestToken("courier");
        String bystander = parley.guestToken("courier");
        String provocation = post(troll, "blocks", null, "Provocation");
        post(bystander, "blocks", provocation, "Measured answer");
        post(troll, "blocks", null, "More provocation");

        var blocked = http.post("/api/v1/sites/courier/blocks", "{\"commentId\":\"" + provocation + "\"}", "Authorization", "Bearer " + reader);
        assertThat(blocked.status()).isEqualTo(201);
        assertThat(blocked.json().get("name").asText()).isEqualTo("Troll");

        var personal = http.get("/api/v1/sites/courier/thread?page=blocks&sort=oldest", "Authorization", "Bearer " + reader);
        assertThat(personal.header("Cache-Control")).contains("private, no-cache");
        JsonNode seen = personal.json();
        assertThat(seen.get("comments")).hasSize(1);
        JsonNode placeholder = seen.get("comments").get(0);
        assertThat(placeholder.get("status").asText()).isEqualTo("blocked");
        assertThat(placeholder.get("author").isNull()).isTrue();
        assertThat(placeholder.get("html").asText()).isEmpty();
        assertThat(placeholder.at("/replies/0/html").asText()).isEqualTo("<p>Measured answer</p>");
        assertThat(seen.at("/page/commentCount").asInt()).isEqualTo(1);

        assertThat(thread("blocks", null).get("comments")).hasSize(2);
        assertThat(thread("blocks", troll).get("comments")).as("the blocked commenter is never told").hasSize(2);

        JsonNode list = http.get("/api/v1/sites/courier/blocks", "Authorization", "Bearer " + reader).json();
        String trollId = list.at("/blocks/0/id").asText();
        assertThat(list.get("blocks")).hasSize(1);
        assertThat(http.delete("/api/v1/sites/courier/blocks/" + trollId, "Authorization", "Bearer " + reader).status()).isEqualTo(204);
        assertThat(thread("blocks", reader).get("comments")).hasSize(2);
        assertThat(http.delete("/api/v1/sites/courier/blocks/" + trollId, "Authorization", "Bearer " + reader).json().get("type").asText())
                .isEqualTo("urn:parley:problem:not-blocked");
    }

    @Test
    void readersCannotBlockThemselvesOrAuthorsOfCommentsThatDoNotExist() {
        String reader = parley.guestToken("courier");
        String mine = post(reader, "blocks-self", null, "Mine");
        var self = http.post("/api/v1/sites/courier/blocks", "{\"commentId\":\"" + mine + "\"}", "Authorization", "Bearer " + reader);
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("type").asText()).isEqualTo("urn:parley:problem:self-block");
        var unknown = http.post("/api/v1/sites/courier/blocks", "{\"commentId\":\"c_000000000zzzzzzzz\"}", "Authorization", "Bearer " + reader);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(http.post("/api/v1/sites/courier/blocks", "{\"commentId\":\"" + mine + "\"}").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/sites/courier/blocks").status()).isEqualTo(401);
    }

    @Test
    void aBlockersLiveStreamLeavesOutTheBlockedCommenterAndNobodyElses() {
        String troll = parley.guestToken("courier");
        String reader = parley.guestToken("courier");
        String bystander = parley.guestToken("courier");
        String first = post(troll, "live-blocks", null, "First provocation");
        assertThat(http.post("/api/v1/sites/courier/blocks", "{\"commentId\":\"" + first + "\"}", "Authorization", "Bearer " + reader)
                .status()).isEqualTo(201);
        String ticket = http.get("/api/v1/sites/courier/blocks", "Authorization", "Bearer " + reader).json().get("liveTicket").asText();
        String live = http.base() + "/api/v1/sites/courier/live?page=live-blocks";
        Duration wait = Duration.ofSeconds(5);

        try (SseClient mine = SseClient.open(live + "&viewer=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
             SseClient everyone = SseClient.open(live)) {
            mine.nextComment("connected", wait);
            everyone.nextComment("connected", wait);
            post(troll, "live-blocks", null, "Second provocation");
            post(bystander, "live-blocks", null, "A calm remark");

            assertThat(everyone.next("the troll's comment", wait).data()).contains("Second provocation");
            assertThat(everyone.next("the bystander's comment", wait).data()).contains("A calm remark");
            assertThat(mine.next("the bystander's comment, and nothing before it", wait).data()).contains("A calm remark");
        }

        var forged = http.get("/api/v1/sites/courier/live?page=live-blocks&viewer=" + ticket.replaceAll(".$", "x"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().get("type").asText()).isEqualTo("urn:parley:problem:invalid-live-ticket");
    }
}
