package org.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.CommentId;
import org.parley.comments.PageKey;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.StaffUser;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.SseClient;
import org.parley.web.ConfigKey;
import org.parley.words.WordTerm;

/**
 * Authors' edits over real HTTP: refusals are problems and leave the public text as it was, a held edit
 * leaves the public thread, its cache and the live stream while its author still sees it, edits have a
 * rate limit of their own, and the moderator's queue and case page say an edit changed approved text.
 */
class EditRoutesTest {

    static final SiteId COURIER = new SiteId("courier");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROBLEM = "application/problem+json";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static StaffUser admin;

    @BeforeAll
    static void start() {
        // Three comments a minute per commenter, so six edits a minute: the edit limit is reachable in a test.
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(ConfigKey.MODERATION_COMMENTS_PER_MINUTE, "3",
                ConfigKey.LIVE_HEARTBEAT_SECONDS, "1"));
        http = parley.http();
        parley.site("courier");
        admin = parley.parley().staff().createUser(new NewStaffUser("admin", Role.ADMIN, List.of()), "a long enough password");
        parley.parley().moderation().seedWords(COURIER, List.of(new WordTerm("scumbag", WordTerm.Kind.BANNED),
                new WordTerm("troll", WordTerm.Kind.SUSPECT)));
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void editsScreeningRefusesAreProblemsAndThePublicTextStaysAsItWas() {
        String page = "refusals";
        String author = parley.guestToken("courier");
        String id = post(author, page, "A fair question about the budget.");

        assertProblem(edit(author, id, "The mayor is a scumbag."), 422, "edit-rejected");

        String banned = parley.guestToken("courier");
        String bannedId = post(banned, page, "Another view on the budget.");
        parley.parley().moderation().act(admin, new ModeratorAction.Ban(new CommentId(bannedId), "Repeated abuse of other readers."));
        assertThat(assertProblem(edit(banned, bannedId, "Sneaking a new text in."), 403, "banned").get("detail").asText())
                .contains("Repeated abuse of other readers.");

        String suspended = parley.guestToken("courier");
        String suspendedId = post(suspended, page, "A third view on the budget.");
        parley.parley().moderation().act(admin, new ModeratorAction.Suspend(new CommentId(suspendedId), Duration.ofDays(1), "Cool off."));
        assertProblem(edit(suspended, suspendedId, "Not cooling off."), 403, "suspended");

        parley.parley().moderation().changePage(admin, COURIER, new PageKey(page), Optional.empty(), false, "debate over");
        assertProblem(edit(author, id, "A last word after closing."), 409, "page-closed");

        JsonNode thread = http.get("/api/v1/sites/courier/thread?page=" + page + "&sort=oldest").json();
        assertThat(thread.get("comments")).extracting(c -> c.get("html").asText()).containsExactly(
                "<p>A fair question about the budget.</p>", "<p>Another view on the budget.</p>", "<p>A third view on the budget.</p>");
        assertThat(thread.get("comments")).allSatisfy(c -> assertThat(c.get("editedAt").isNull()).isTrue());
    }

    @Test
    void aHeldEditLeavesThePublicThreadItsCacheAndTheLiveStreamWhileItsAuthorStillSeesIt() throws Exception {
        String page = "held-edit";
        parley.parley().moderation().changePage(admin, COURIER, new PageKey(page), Optional.of(Premoderation.FLAGGED), true, "heated");
        String author = parley.guestToken("courier");
        String id = post(author, page, "The figures look low.");
        String threadPath = "/api/v1/sites/courier/thread?page=" + page;
        Http.Reply before = http.get(threadPath);
        assertThat(before.json().at("/comments/0/id").asText()).isEqualTo(id);
        String etag = before.header("ETag").orElseThrow();

        try (SseClient stream = SseClient.open(http.base() + "/api/v1/sites/courier/live?page=" + page)) {
            Http.Reply held = edit(author, id, "Only a troll believes these figures.");
            assertThat(held.status()).as(held.text()).isEqualTo(200);
            assertThat(held.json().get("status").asText()).isEqualTo("pending");
            assertThat(held.json().get("note").asText()).contains("edit will appear once a moderator");

            SseClient.Event gone = stream.next("the deleted event of the held comment", Duration.ofSeconds(2));
            assertThat(gone.name()).isEqualTo("deleted");
            JsonNode data = JSON.readTree(gone.data());
            assertThat(data.get("id").asText()).isEqualTo(id);
            assertThat(data.get("status").asText()).isEqualTo("pending");
        }

        Http.Reply after = http.get(threadPath, "If-None-Match", etag);
        assertThat(after.status()).as("the cached thread changed").isEqualTo(200);
        assertThat(after.json().get("comments")).isEmpty();
        assertThat(after.json().at("/page/commentCount").asInt()).isZero();
        JsonNode own = http.get(threadPath, "Authorization", "Bearer " + author).json();
        assertThat(own.at("/comments/0/status").asText()).isEqualTo("pending");
        assertThat(own.at("/comments/0/html").asText()).isEqualTo("<p>Only a troll believes these figures.</p>");

        String path = "/api/v1/sites/courier/comments/" + id;
        Http.Reply source = http.get(path, "Authorization", "Bearer " + author);
        assertThat(source.status()).as("its author gets the source for the edit form").isEqualTo(200);
        assertThat(source.json().get("markdown").asText()).isEqualTo("Only a troll believes these figures.");
        assertThat(http.get(path).status()).as("nobody else finds it").isEqualTo(404);
        assertThat(http.get(path, "Authorization", "Bearer " + parley.guestToken("courier")).status()).isEqualTo(404);

        assertThat(http.delete(path, "Authorization", "Bearer " + author).status()).as("its author deletes it").isEqualTo(204);
        assertThat(http.get(threadPath, "Authorization", "Bearer " + author).json().get("comments")).isEmpty();
    }

    @Test
    void editsHaveTheirOwnRateLimitAnsweredWithRetryAfter() {
        String author = parley.guestToken("courier");
        String id = post(author, "edit-limits", "Draft zero.");
        post(author, "edit-limits", "Another comment.");
        post(author, "edit-limits", "A third, at the comment limit.");
        for (int i = 1; i <= 3 * org.parley.screening.Screening.EDITS_PER_COMMENT; i++) {
            Http.Reply fixed = edit(author, id, "Draft " + i + ".");
            assertThat(fixed.status()).as("edit %d at the comment limit: %s", i, fixed.text()).isEqualTo(200);
        }
        Http.Reply limited = edit(author, id, "One flip too many.");
        assertProblem(limited, 429, "too-many-edits");
        assertThat(Integer.parseInt(limited.header("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(http.get("/api/v1/sites/courier/comments/" + id).json().get("markdown").asText()).isEqualTo("Draft 6.");
    }

    @Test
    void theQueueAndTheCasePageTellTheModeratorAnEditChangedApprovedText() {
        String page = "approved-then-edited";
        parley.parley().moderation().changePage(admin, COURIER, new PageKey(page), Optional.of(Premoderation.ALL), true, "sensitive");
        String author = parley.guestToken("courier");
        String id = post(author, page, "The approved version of my comment.");
        parley.parley().moderation().act(admin, new ModeratorAction.Approve(List.of(new CommentId(id)), Optional.empty()));
        assertThat(edit(author, id, "Buy cheap watches at my shop.").json().get("status").asText()).isEqualTo("pending");

        String cookie = signIn();
        String queue = http.get("/admin/queue?kind=pending", "Cookie", cookie).text();
        assertThat(queue).contains("edited after approval", "The text a moderator approved", "The approved version of my comment.",
                "Buy cheap watches at my shop.");
        String casePage = http.get("/admin/comments/" + id, "Cookie", cookie).text();
        assertThat(casePage).contains("Edited after a moderator approved it.", "Earlier texts", "approved by a moderator",
                "The approved version of my comment.", "Buy cheap watches at my shop.");
        assertThat(casePage).contains("<span class=\"signal\">edited</span>");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    static String post(String token, String page, String body) {
        Http.Reply reply = http.post("/api/v1/sites/courier/comments", JSON.createObjectNode().put("page", page).put("body", body).toString(),
                "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static Http.Reply edit(String token, String id, String body) {
        return http.patch("/api/v1/sites/courier/comments/" + id, JSON.createObjectNode().put("body", body).toString(),
                "Authorization", "Bearer " + token);
    }

    static JsonNode assertProblem(Http.Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:parley:problem:" + slug);
        assertThat(reply.json().get("detail").asText()).isNotBlank();
        return reply.json();
    }

    /** Signs the admin in to the dashboard; returns the session cookie. */
    static String signIn() {
        String form = "username=admin&password=" + URLEncoder.encode("a long enough password", StandardCharsets.UTF_8);
        Http.Reply login = http.send("POST", "/admin/login", form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", http.base());
        assertThat(login.status()).as(login.text()).isEqualTo(303);
        return login.header("Set-Cookie").orElseThrow().split(";", 2)[0];
    }
}
