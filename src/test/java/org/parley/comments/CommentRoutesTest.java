package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;

/** Every comments endpoint over real HTTP, as the widget and a host site use them. */
class CommentRoutesTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static String secret;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir);
        http = parley.http();
        secret = parley.site("courier", "https://courier.example").newSecret().orElseThrow();
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static JsonNode post(String token, String page, String parentId, String body) {
        String parent = parentId == null ? "null" : "\"" + parentId + "\"";
        var reply = http.post("/api/v1/sites/courier/comments",
                "{\"page\":\"" + page + "\",\"parentId\":" + parent + ",\"body\":\"" + body + "\",\"name\":\"Ann\"}",
                "Authorization", bearer(token));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    @Test
    void aGuestPostsACommentAndAReplyAndReadsThemBackAsAThread() {
        String token = parley.guestToken("courier");
        JsonNode root = post(token, "routes-thread", null, "Hello *world*");
        JsonNode reply = post(parley.guestToken("courier"), "routes-thread", root.get("id").asText(), "Hi back");

        var thread = http.get("/api/v1/sites/courier/thread?page=routes-thread&sort=oldest");
        assertThat(thread.status()).isEqualTo(200);
        assertThat(thread.contentType()).startsWith("application/json");
        JsonNode json = thread.json();
        assertThat(json.at("/site/editWindowSeconds").asInt()).isEqualTo(900);
        assertThat(json.at("/page/commentCount").asInt()).isEqualTo(2);
        assertThat(json.at("/comments/0/html").asText()).isEqualTo("<p>Hello <em>world</em></p>");
        assertThat(json.at("/comments/0/author/name").asText()).isEqualTo("Ann");
        assertThat(json.at("/comments/0/replies/0/id").asText()).isEqualTo(reply.get("id").asText());
        assertThat(json.at("/comments/0/replies/0/depth").asInt()).isEqualTo(1);
        assertThat(json.get("next").isNull()).isTrue();
    }

    @Test
    void postingAnswersWithTheCommentAndWhereItLives() {
        var reply = http.post("/api/v1/sites/courier/comments", "{\"page\":\"routes-location\",\"body\":\"Located\"}",
                "Authorization", bearer(parley.guestToken("courier")));
        assertThat(reply.status()).isEqualTo(201);
        String id = reply.json().get("id").asText();
        assertThat(reply.header("Location")).contains("/api/v1/sites/courier/comments/" + id);
        assertThat(reply.json().get("author").get("name").isNull()).isTrue();

        var fetched = http.get("/api/v1/sites/courier/comments/" + id);
        assertThat(fetched.json().get("markdown").asText()).isEqualTo("Located");
    }

    @Test
    void anUnchangedThreadAnswers304AndAChangedOneANewBody() {
        String token = parley.guestToken("courier");
        post(token, "routes-etag", null, "One");
        var first = http.get("/api/v1/sites/courier/thread?page=routes-etag");
        String etag = first.header("ETag").orElseThrow();

        var again = http.get("/api/v1/sites/courier/thread?page=routes-etag", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.bytes()).isEmpty();

        post(token, "routes-etag", null, "Two");
        var changed = http.get("/api/v1/sites/courier/thread?page=routes-etag", "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("comments")).hasSize(2);
    }

    @Test
    void threadsAreGzippedForClientsThatAskAndIdenticalOtherwise() throws IOException {
        String token = parley.guestToken("courier");
        for (int i = 0; i < 5; i++) {
            post(token, "routes-gzip", null, "A comment long enough to be worth compressing, number " + i);
        }
        var plain = http.get("/api/v1/sites/courier/thread?page=routes-gzip");
        var zipped = http.get("/api/v1/sites/courier/thread?page=routes-gzip", "Accept-Encoding", "gzip");

        assertThat(zipped.header("Content-Encoding")).contains("gzip");
        assertThat(plain.header("Content-Encoding")).isEmpty();
        assertThat(zipped.bytes().length).isLessThan(plain.bytes().length);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.bytes());
        }
        assertThat(zipped.header("ETag")).isEqualTo(plain.header("ETag"));
    }

    @Test
    void topLevelCommentsPageWithCursorsAndRepliesPageToo() {
        String token = parley.guestToken("courier");
        JsonNode root = post(token, "routes-paging", null, "Root");
        for (int i = 0; i < 7; i++) {
            post(parley.guestToken("courier"), "routes-paging", root.get("id").asText(), "Reply " + i);
        }
        for (int i = 0; i < 4; i++) {
            post(token, "routes-paging", null, "Top " + i);
        }
        JsonNode first = http.get("/api/v1/sites/courier/thread?page=routes-paging&sort=oldest&limit=2").json();
        assertThat(first.get("comments")).hasSize(2);
        JsonNode firstRoot = first.get("comments").get(0);
        assertThat(firstRoot.get("replyCount").asInt()).isEqualTo(7);
        assertThat(firstRoot.get("replies")).hasSize(5);

        JsonNode rest = http.get("/api/v1/sites/courier/comments/" + root.get("id").asText() + "/replies?after="
                + firstRoot.get("moreReplies").asText()).json();
        assertThat(rest.get("comments")).extracting(c -> c.get("html").asText())
                .containsExactly("<p>Reply 5</p>", "<p>Reply 6</p>");

        JsonNode second = http.get("/api/v1/sites/courier/thread?page=routes-paging&sort=oldest&limit=2&after="
                + first.get("next").asText()).json();
        assertThat(second.get("comments")).extracting(c -> c.get("html").asText())
                .containsExactly("<p>Top 1</p>", "<p>Top 2</p>");
    }

    @Test
    void authorsEditAndDeleteTheirCommentsAndOthersCannot() {
        String author = parley.guestToken("courier");
        String other = parley.guestToken("courier");
        String id = post(author, "routes-edit", null, "Draft").get("id").asText();
        String path = "/api/v1/sites/courier/comments/" + id;

        var hijack = http.patch(path, "{\"body\":\"Hijacked\"}", "Authorization", bearer(other));
        assertThat(hijack.status()).isEqualTo(403);
        assertThat(hijack.json().get("type").asText()).isEqualTo("urn:parley:problem:not-your-comment");

        var edited = http.patch(path, "{\"body\":\"Final\"}", "Authorization", bearer(author));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("html").asText()).isEqualTo("<p>Final</p>");
        assertThat(edited.json().get("editedAt").isNull()).isFalse();

        assertThat(http.delete(path, "Authorization", bearer(other)).status()).isEqualTo(403);
        assertThat(http.delete(path, "Authorization", bearer(author)).status()).isEqualTo(204);
        assertThat(http.get(path).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/sites/courier/thread?page=routes-edit").json().get("comments")).isEmpty();
    }

    @Test
    void votesCountOncePerReaderAndReadersSeeTheirOwnVotes() {
        String id = post(parley.guestToken("courier"), "routes-votes", null, "Vote").get("id").asText();
        String voter = parley.guestToken("courier");
        String path = "/api/v1/sites/courier/comments/" + id + "/vote";

        assertThat(http.put(path, "{\"value\":1}", "Authorization", bearer(voter)).json().get("up").asInt()).isEqualTo(1);
        JsonNode down = http.put(path, "{\"value\":-1}", "Authorization", bearer(voter)).json();
        assertThat(down.get("up").asInt()).isZero();
        assertThat(down.get("down").asInt()).isEqualTo(1);
        assertThat(down.get("myVote").asInt()).isEqualTo(-1);

        var mine = http.get("/api/v1/sites/courier/my-votes?page=routes-votes", "Authorization", bearer(voter));
        assertThat(mine.json().at("/votes/" + id).asInt()).isEqualTo(-1);
        assertThat(mine.header("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void articleListsGetCountsForManyPagesInOneCall() {
        String token = parley.guestToken("courier");
        post(token, "routes-count-a", null, "a1");
        post(token, "routes-count-a", null, "a2");
        post(token, "routes-count-b", null, "b1");

        JsonNode counts = http.get("/api/v1/sites/courier/counts?page=routes-count-a&page=routes-count-b&page=routes-none").json();
        assertThat(counts.at("/counts/routes-count-a").asInt()).isEqualTo(2);
        assertThat(counts.at("/counts/routes-count-b").asInt()).isEqualTo(1);
        assertThat(counts.at("/counts/routes-none").asInt()).isZero();
    }

    @Test
    void theHostSiteDescribesAndClosesItsPagesWithItsSecret() {
        String path = "/api/v1/sites/courier/pages?key=routes-meta";
        String meta = "{\"title\":\"River report\",\"url\":\"https://courier.example/river\",\"byline\":\"By A. Reporter\","
                + "\"section\":\"world\",\"publishedAt\":\"2026-11-24T08:00:00Z\",\"open\":false}";

        var anonymous = http.put(path, meta);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer");
        assertThat(http.put(path, meta, "Authorization", bearer("wrong")).json().get("type").asText())
                .isEqualTo("urn:parley:problem:invalid-site-secret");

        var saved = http.put(path, meta, "Authorization", bearer(secret));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("title").asText()).isEqualTo("River report");
        assertThat(saved.json().get("open").asBoolean()).isFalse();

        JsonNode page = http.get("/api/v1/sites/courier/thread?page=routes-meta").json().get("page");
        assertThat(page.get("byline").asText()).isEqualTo("By A. Reporter");
        assertThat(page.get("publishedAt").asText()).isEqualTo("2026-11-24T08:00:00Z");

        var refused = http.post("/api/v1/sites/courier/comments", "{\"page\":\"routes-meta\",\"body\":\"Hello?\"}",
                "Authorization", bearer(parley.guestToken("courier")));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:parley:problem:page-closed");
    }

    @Test
    void anUnknownPageReadsAsAnOpenEmptyThread() {
        JsonNode json = http.get("/api/v1/sites/courier/thread?page=nobody-here-yet").json();
        assertThat(json.get("comments")).isEmpty();
        assertThat(json.at("/page/open").asBoolean()).isTrue();
        assertThat(json.at("/page/commentCount").asInt()).isZero();
        assertThat(json.get("version").asLong()).isZero();
    }
}
