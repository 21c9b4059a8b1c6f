package org.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.CommentId;
import org.parley.sites.ImageRules;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.StaffUser;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.web.ConfigKey;

/** Readers meet moderation over HTTP: reports, notices, bans and rate limits as problems. */
class ModerationRoutesTest {

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static StaffUser admin;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir, Clock.systemUTC(), false, Map.of(ConfigKey.MODERATION_COMMENTS_PER_MINUTE, "3"));
        http = parley.http();
        parley.site("courier");
        admin = parley.parley().staff().createUser(new NewStaffUser("admin", Role.ADMIN, List.of()), "a long enough password");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    static Http.Reply post(String token, String page, String body) {
        return http.post("/api/v1/sites/courier/comments", "{\"page\":\"" + page + "\",\"body\":\"" + body + "\"}",
                "Authorization", "Bearer " + token);
    }

    static String id(Http.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    @Test
    void aReaderReportsACommentOnceAndIsToldItWasReceived() {
        String comment = id(post(parley.guestToken("courier"), "reports", "Report me"));
        String reader = parley.guestToken("courier");
        String path = "/api/v1/sites/courier/comments/" + comment + "/reports";

        var first = http.post(path, "{\"reason\":\"hate\",\"note\":\"targets a group\"}", "Authorization", "Bearer " + reader);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("received").asBoolean()).isTrue();
        assertThat(first.json().get("message").asText()).contains("moderators");

        var again = http.post(path, "{\"reason\":\"spam\"}", "Authorization", "Bearer " + reader);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:parley:problem:already-reported");

        var bad = http.post(path, "{\"reason\":\"boring\"}", "Authorization", "Bearer " + parley.guestToken("courier"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("reason");
        assertThat(http.post(path, "{\"reason\":\"spam\"}").status()).isEqualTo(401);
        assertThat(http.post("/api/v1/sites/courier/comments/c_000000000zzzzzzzz/reports", "{\"reason\":\"spam\"}",
                "Authorization", "Bearer " + reader).status()).isEqualTo(404);
    }

    /** A moderator's ban over the JSON API, with the dashboard session's cookie and from Parley's own origin. */
    static Http.Reply ban(String cookie, String comment, String bodyJson) {
        return http.send("POST", "/api/v1/sites/courier/comments/" + comment + "/ban", bodyJson.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Origin", http.base(), "Cookie", cookie);
    }

    static String staffCookie(String name) {
        parley.parley().staff().createUser(new NewStaffUser(name, Role.MODERATOR,
                List.of(org.parley.staff.Scope.parse("courier"))), "a long enough password");
        Http.Reply login = http.send("POST", "/admin/login", ("username=" + name + "&password=a+long+enough+password")
                .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded", "Origin", http.base());
        assertThat(login.status()).as(login.text()).isEqualTo(303);
        return login.header("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    @Test
    void aModeratorBansOverTheApiAndMayAlsoRejectTheReadersPublishedCommentsButNotOnAVagueYes() {
        String cookie = staffCookie("banner");
        String troll = parley.guestToken("courier");
        String first = id(post(troll, "api-bans", "First spam"));
        String second = id(post(troll, "api-bans", "Second spam"));
        String other = parley.guestToken("courier");
        String kept = id(post(other, "api-bans", "Kept spam"));

        Http.Reply vague = ban(cookie, first, "{\"message\":\"Spam\",\"rejectPublished\":\"yes\"}");
        assertThat(vague.status()).as(vague.text()).isEqualTo(400);
        assertThat(vague.contentType()).isEqualTo("application/problem+json");
        assertThat(vague.json().get("type").asText()).isEqualTo("urn:parley:problem:invalid-field");
        assertThat(vague.json().at("/errors/0/field").asText()).isEqualTo("rejectPublished");
        assertThat(http.post("/api/v1/sites/courier/comments/" + first + "/ban", "{\"message\":\"Spam\"}").status())
                .as("no staff session").isEqualTo(401);
        assertThat(http.get("/api/v1/sites/courier/comments/" + first).status()).as("nothing done yet").isEqualTo(200);

        Http.Reply banned = ban(cookie, first, "{\"message\":\"Spam\",\"rejectPublished\":true}");
        assertThat(banned.status()).as(banned.text()).isEqualTo(200);
        assertThat(banned.json().get("rejected").asInt()).isEqualTo(2);
        assertThat(banned.json().at("/audit/0/action").asText()).isEqualTo("ban");
        assertThat(http.get("/api/v1/sites/courier/comments/" + first).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/sites/courier/comments/" + second).status()).isEqualTo(404);
        assertThat(post(troll, "api-bans", "Back again").status()).isEqualTo(403);

        Http.Reply alone = ban(cookie, kept, "{\"message\":\"One more chance to stop\"}");
        assertThat(alone.status()).as(alone.text()).isEqualTo(200);
        assertThat(alone.json().get("rejected").asInt()).isZero();
        assertThat(http.get("/api/v1/sites/courier/comments/" + kept).status()).as("a ban alone rejects nothing").isEqualTo(200);
    }

    @Test
    void aBannedReaderIsToldWhyWhenPostingAndInTheirNotices() {
        String troll = parley.guestToken("courier");
        String comment = id(post(troll, "bans", "Final straw"));
        parley.parley().moderation().act(admin, new ModeratorAction.Ban(new CommentId(comment), "Repeated abuse of other readers."));

        var refused = post(troll, "bans", "Let me back");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:parley:problem:banned");
        assertThat(refused.json().get("detail").asText()).contains("Repeated abuse of other readers.");

        JsonNode notices = http.get("/api/v1/sites/courier/notices", "Authorization", "Bearer " + troll).json();
        assertThat(notices.at("/notices/0/kind").asText()).isEqualTo("ban");
        assertThat(notices.at("/notices/0/message").asText()).isEqualTo("Repeated abuse of other readers.");
        assertThat(http.get("/api/v1/sites/courier/notices", "Authorization", "Bearer " + parley.guestToken("courier"))
                .json().get("notices")).isEmpty();
    }

    @Test
    void tooManyCommentsInAMinuteGetA429WithRetryAfter() {
        String fast = parley.guestToken("courier");
        for (int i = 0; i < 3; i++) {
            id(post(fast, "limits", "Comment " + i));
        }
        var limited = post(fast, "limits", "One too many");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("type").asText()).isEqualTo("urn:parley:problem:too-many-comments");
        assertThat(Integer.parseInt(limited.header("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(id(post(parley.guestToken("courier"), "limits", "Someone else may still post"))).startsWith("c_");
    }
    @Test
    void theCheckBeforePostingAsksToReconsiderAbusiveTextShowsWhyAndCountsWhatTheWriterDid() {
        String writer = parley.guestToken("courier");
        var calm = http.post("/api/v1/sites/courier/assessments", "{\"page\":\"nudges\",\"body\":\"Thanks for the careful report.\"}",
                "Authorization", "Bearer " + writer).json();
        assertThat(calm.get("reconsider").asBoolean()).isFalse();
        assertThat(calm.get("spans")).isEmpty();
        assertThat(calm.get("message").isNull()).isTrue();

        String text = "You are a stupid idiot and a moron.";
        var rude = http.post("/api/v1/sites/courier/assessments", "{\"page\":\"nudges\",\"body\":\"" + text + "\"}",
                "Authorization", "Bearer " + writer).json();
        assertThat(rude.get("reconsider").asBoolean()).isTrue();
        assertThat(rude.get("message").asText()).contains("abusive");
        assertThat(rude.get("spans")).isNotEmpty().allSatisfy(span ->
                assertThat(text.substring(span.get("start").asInt(), span.get("end").asInt())).isEqualTo(span.get("text").asText()));

        assertThat(http.post("/api/v1/sites/courier/nudges", "{\"outcome\":\"edited\"}", "Authorization", "Bearer " + writer).status())
                .isEqualTo(204);
        assertThat(http.post("/api/v1/sites/courier/nudges", "{\"outcome\":\"ignored\"}", "Authorization", "Bearer " + writer).status())
                .isEqualTo(400);
        NudgeStats stats = parley.parley().moderation().nudgeStats(admin, new org.parley.sites.SiteId("courier"));
        assertThat(stats.shown()).isEqualTo(1);
        assertThat(stats.edited()).isEqualTo(1);
        assertThat(stats.editedPercent()).isEqualTo(100);
        assertThat(http.post("/api/v1/sites/courier/assessments", "{\"page\":\"nudges\",\"body\":\"x\"}").status()).isEqualTo(401);
    }

    @Test
    void theCheckBeforePostingTakesTheLongestCommentASiteAcceptsHoweverItIsEncoded() {
        parley.parley().sites().save(new NewSite(new SiteId("longform"), "Longform", Set.of(), NewSite.DEFAULT_EDIT_WINDOW,
                NewSite.MAX_COMMENT_LENGTH_LIMIT, ImageRules.defaults()));
        String writer = parley.guestToken("longform");
        String insult = " You are a stupid idiot and a moron.";
        String cjk = repeat(0x4E00, 0x4FFF, NewSite.MAX_COMMENT_LENGTH_LIMIT - insult.length()) + insult;
        String emoji = repeat(0x1F600, 0x1F64F, NewSite.MAX_COMMENT_LENGTH_LIMIT);
        assertThat(emoji.length()).as("emoji are two UTF-16 units each").isEqualTo(2 * NewSite.MAX_COMMENT_LENGTH_LIMIT);

        StringBuilder argued = new StringBuilder();
        for (int day = 1; argued.length() < NewSite.MAX_COMMENT_LENGTH_LIMIT; day++) {
            argued.append("On day ").append(day).append(" the council met again to argue about the harbour budget. ");
        }
        String english = argued.substring(0, NewSite.MAX_COMMENT_LENGTH_LIMIT - insult.length()) + insult;
        var longEnglish = assess("longform", writer, raw(english));
        assertThat(longEnglish.status()).as(longEnglish.text()).isEqualTo(200);
        assertThat(longEnglish.json().get("reconsider").asBoolean()).as("the insult at the end of 100,000 characters").isTrue();
        assertThat(longEnglish.json().get("spans")).isNotEmpty().allSatisfy(span ->
                assertThat(english.substring(span.get("start").asInt(), span.get("end").asInt())).isEqualTo(span.get("text").asText()));
        var longCjk = assess("longform", writer, raw(cjk));
        assertThat(longCjk.status()).as(longCjk.text()).isEqualTo(200);
        assertThat(longCjk.json().get("reconsider").asBoolean())
                .as("mostly Chinese: the model cannot judge it, so the writer is not asked to reconsider on its word").isFalse();
        for (String body : List.of(raw(emoji), escaped(emoji), escaped(cjk))) {
            var reply = assess("longform", writer, body);
            assertThat(reply.status()).as("a %s-byte body: %s", body.length(), reply.text()).isEqualTo(200);
        }
        assertThat(escaped(emoji).length()).as("the worst case: twelve bytes a character").isGreaterThan(1_200_000);

        var tooLong = assess("longform", writer, raw(emoji + "x"));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("type").asText()).isEqualTo("urn:parley:problem:comment-too-long");
        assertThat(tooLong.json().at("/errors/0/field").asText()).isEqualTo("body");

        String courier = parley.guestToken("courier");
        String longest = repeat(0x1F600, 0x1F64F, NewSite.DEFAULT_MAX_COMMENT_LENGTH);
        assertThat(assess("courier", courier, escaped(longest)).status()).as("a site's own limit, escaped").isEqualTo(200);
        assertThat(assess("courier", courier, raw(longest + "\uD83D\uDE00")).json().get("type").asText())
                .isEqualTo("urn:parley:problem:comment-too-long");
        var huge = assess("courier", courier, escaped(emoji));
        assertThat(huge.status()).as("a body far beyond what this site accepts is not read").isEqualTo(413);
        assertThat(huge.json().get("type").asText()).isEqualTo("urn:parley:problem:body-too-large");
    }

    static Http.Reply assess(String site, String token, String bodyJson) {
        return http.send("POST", "/api/v1/sites/" + site + "/assessments",
                ("{\"page\":\"long-reads\",\"body\":" + bodyJson + "}").getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    /** {@code count} code points cycling through {@code first..last}. */
    static String repeat(int first, int last, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.appendCodePoint(first + i % (last - first + 1));
        }
        return text.toString();
    }

    /** A JSON string with the text as it is (UTF-8 on the wire). */
    static String raw(String text) {
        return "\"" + text + "\"";
    }

    /** A JSON string with every UTF-16 unit written as a {@code \}{@code uXXXX} escape: the longest encoding. */
    static String escaped(String text) {
        StringBuilder json = new StringBuilder("\"");
        text.chars().forEach(c -> json.append(String.format("\\u%04x", c)));
        return json.append('"').toString();
    }
}
