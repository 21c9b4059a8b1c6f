package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.comments.CommentId;
import org.parley.moderation.ModeratorAction;
import org.parley.sites.ImageRules;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.testing.Http;
import org.parley.testing.RunningParley;
import org.parley.testing.TestPictures;

/**
 * Throws every kind of bad request at the API. Each must get a 4xx {@code application/problem+json}
 * with a stable type and a detail a person can act on — and must leave nothing half-written.
 */
class BadInputTest {

    private static final String POST = "/api/v1/sites/courier/comments";

    @TempDir
    static Path dir;
    static RunningParley parley;
    static Http http;
    static String token;
    static String commentId;
    static String otherPageCommentId;
    static String imageId;

    @BeforeAll
    static void start() {
        parley = RunningParley.start(dir);
        http = parley.http();
        parley.site("courier", "https://courier.example");
        token = parley.guestToken("courier");
        commentId = postOk("{\"page\":\"bad-input\",\"body\":\"The one good comment\"}");
        otherPageCommentId = postOk("{\"page\":\"another-page\",\"body\":\"Elsewhere\"}");
        imageId = upload("courier", TestPictures.png(64, 48, 1)).json().get("id").asText();
        String secret = parley.parley().sites().rotateSecret(new org.parley.sites.SiteId("courier"));
        http.put("/api/v1/sites/courier/pages?key=closed-page", "{\"open\":false}", "Authorization", "Bearer " + secret);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    static String postOk(String json) {
        var reply = http.post(POST, json, "Authorization", "Bearer " + token);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static Http.Reply upload(String site, byte[] image) {
        return http.send("POST", "/api/v1/sites/" + site + "/images", image, "Content-Type", "image/png", "Authorization", "Bearer " + token);
    }

    static int commentCount() {
        return http.get("/api/v1/sites/courier/thread?page=bad-input").json().at("/page/commentCount").asInt();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> badPosts() {
        String auth = "Bearer TOKEN";
        return Stream.of(
                Arguments.of("malformed JSON", utf8("{\"page\":\"bad-input\",\"body\":"), "application/json", auth, 400, "malformed-json"),
                Arguments.of("JSON that is not an object", utf8("[1,2,3]"), "application/json", auth, 400, "malformed-json"),
                Arguments.of("duplicate keys", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"body\":\"b\"}"), "application/json", auth, 400, "malformed-json"),
                Arguments.of("trailing garbage", utf8("{\"page\":\"bad-input\",\"body\":\"a\"} {}"), "application/json", auth, 400, "malformed-json"),
                Arguments.of("wrong types", utf8("{\"page\":7,\"body\":[\"x\"]}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("missing fields", utf8("{}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("unknown field", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"bdy\":\"typo\"}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("empty body", new byte[0], "application/json", auth, 400, "missing-body"),
                Arguments.of("not JSON at all", utf8("page=x&body=y"), "application/x-www-form-urlencoded", auth, 415, "unsupported-media-type"),
                Arguments.of("no content type", utf8("{\"page\":\"bad-input\",\"body\":\"a\"}"), null, auth, 415, "unsupported-media-type"),
                Arguments.of("a charset other than UTF-8", utf8("{\"page\":\"bad-input\",\"body\":\"a\"}"), "application/json; charset=latin1", auth, 415, "unsupported-media-type"),
                Arguments.of("invalid UTF-8", new byte[] {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "application/json", auth, 400, "invalid-utf8"),
                Arguments.of("over-long comment", utf8("{\"page\":\"bad-input\",\"body\":\"" + "x".repeat(10_001) + "\"}"), "application/json", auth, 422, "comment-too-long"),
                Arguments.of("blank comment", utf8("{\"page\":\"bad-input\",\"body\":\"  \\n \"}"), "application/json", auth, 422, "empty-comment"),
                Arguments.of("over-long name", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"name\":\"" + "n".repeat(65) + "\"}"), "application/json", auth, 422, "invalid-name"),
                Arguments.of("empty page key", utf8("{\"page\":\"\",\"body\":\"a\"}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("page key too long", utf8("{\"page\":\"" + "k".repeat(301) + "\",\"body\":\"a\"}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("page URL that is not a web URL", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"pageUrl\":\"javascript:alert(1)\"}"), "application/json", auth, 422, "invalid-page"),
                Arguments.of("malformed parent id", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"parentId\":\"../etc\"}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("unknown parent", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"parentId\":\"c_000000000zzzzzzzz\"}"), "application/json", auth, 422, "unknown-parent"),
                Arguments.of("reply to a comment on another page", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"parentId\":\"OTHER\"}"), "application/json", auth, 422, "parent-on-other-page"),
                Arguments.of("comment on a closed page", utf8("{\"page\":\"closed-page\",\"body\":\"a\"}"), "application/json", auth, 409, "page-closed"),
                Arguments.of("images that are not an array", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":\"IMAGE\"}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("an image that is not an object", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":[\"IMAGE\"]}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("an image id that is a path", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":[{\"id\":\"../../etc/passwd\"}]}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("an unknown image field", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":[{\"id\":\"IMAGE\",\"src\":\"http://x\"}]}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("far too many images", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":[" + "{\"id\":\"IMAGE\"},".repeat(20) + "{\"id\":\"IMAGE\"}]}"), "application/json", auth, 400, "invalid-field"),
                Arguments.of("more images than the site takes", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":[" + "{\"id\":\"IMAGE\"},".repeat(4) + "{\"id\":\"IMAGE\"}]}"), "application/json", auth, 422, "too-many-images"),
                Arguments.of("an image never uploaded", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":[{\"id\":\"" + "0".repeat(64) + "\"}]}"), "application/json", auth, 422, "image-not-uploaded"),
                Arguments.of("the same image twice", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":[{\"id\":\"IMAGE\"},{\"id\":\"IMAGE\"}]}"), "application/json", auth, 422, "invalid-images"),
                Arguments.of("over-long alt text", utf8("{\"page\":\"bad-input\",\"body\":\"a\",\"images\":[{\"id\":\"IMAGE\",\"alt\":\"" + "a".repeat(501) + "\"}]}"), "application/json", auth, 422, "invalid-images"),
                Arguments.of("no text and no image", utf8("{\"page\":\"bad-input\",\"images\":[]}"), "application/json", auth, 422, "empty-comment"),
                Arguments.of("no token", utf8("{\"page\":\"bad-input\",\"body\":\"a\"}"), "application/json", null, 401, "authentication-required"),
                Arguments.of("unknown token", utf8("{\"page\":\"bad-input\",\"body\":\"a\"}"), "application/json", "Bearer forged", 401, "unknown-guest-token"),
                Arguments.of("body over the endpoint's limit", utf8("{\"page\":\"bad-input\",\"body\":\"" + "x".repeat(300_000) + "\"}"), "application/json", auth, 413, "body-too-large"),
                Arguments.of("body over the server's limit", utf8("{\"page\":\"bad-input\",\"body\":\"" + "x".repeat(1_200_000) + "\"}"), "application/json", auth, 413, "body-too-large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPosts")
    void eachBadPostGetsItsOwnProblemAndWritesNothing(String what, byte[] body, String contentType, String auth,
                                                      int status, String slug) {
        int before = commentCount();
        byte[] sent = new String(body, StandardCharsets.ISO_8859_1).replace("OTHER", otherPageCommentId).replace("IMAGE", imageId).getBytes(StandardCharsets.ISO_8859_1);
        var headers = new java.util.ArrayList<String>();
        if (contentType != null) {
            headers.addAll(java.util.List.of("Content-Type", contentType));
        }
        if (auth != null) {
            headers.addAll(java.util.List.of("Authorization", auth.replace("TOKEN", token)));
        }
        var reply = http.send("POST", POST, sent, headers.toArray(String[]::new));

        assertProblem(reply, status, slug);
        assertThat(commentCount()).as("nothing written for " + what).isEqualTo(before);
    }

    static Stream<Arguments> badReads() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/sites/courier/thread", 400, "invalid-parameter"),
                Arguments.of("GET", "/api/v1/sites/courier/thread?page=bad-input&sort=loudest", 400, "invalid-sort"),
                Arguments.of("GET", "/api/v1/sites/courier/thread?page=bad-input&limit=0", 400, "invalid-parameter"),
                Arguments.of("GET", "/api/v1/sites/courier/thread?page=bad-input&limit=ten", 400, "invalid-parameter"),
                Arguments.of("GET", "/api/v1/sites/courier/thread?page=bad-input&limit=101", 400, "invalid-parameter"),
                Arguments.of("GET", "/api/v1/sites/courier/thread?page=bad-input&after=forged", 400, "invalid-cursor"),
                Arguments.of("GET", "/api/v1/sites/courier/thread?page=a&page=b", 400, "invalid-parameter"),
                Arguments.of("GET", "/api/v1/sites/nosuchsite/thread?page=x", 404, "unknown-site"),
                Arguments.of("GET", "/api/v1/sites/Bad%20Site/thread?page=x", 404, "unknown-site"),
                Arguments.of("GET", "/api/v1/sites/courier/comments/c_000000000zzzzzzzz", 404, "unknown-comment"),
                Arguments.of("GET", "/api/v1/sites/courier/comments/not-an-id", 404, "unknown-comment"),
                Arguments.of("GET", "/api/v1/sites/courier/comments/ID/replies?after=forged", 400, "invalid-cursor"),
                Arguments.of("GET", "/api/v1/sites/courier/counts", 400, "invalid-parameter"),
                Arguments.of("GET", "/api/v1/sites/courier/my-votes?page=bad-input", 401, "authentication-required"),
                Arguments.of("GET", "/api/v1/sites/courier/thread?page=%01control", 400, "invalid-parameter"),
                Arguments.of("GET", "/api/v1/sites/courier/live?page=bad-input&since=yesterday", 400, "invalid-parameter"),
                Arguments.of("GET", "/api/v1/no/such/endpoint", 404, "no-such-route"),
                Arguments.of("POST", "/api/v1/sites/courier/thread?page=x", 404, "no-such-route"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badReads")
    void badReadsGetProblemsToo(String method, String path, int status, String slug) {
        assertProblem(http.send(method, path.replace("ID", commentId), null), status, slug);
    }

    @Test
    void badEditsAndVotesAreRefusedAndLeaveTheCommentAsItWas() {
        String path = "/api/v1/sites/courier/comments/" + commentId;
        String auth = "Bearer " + token;
        assertProblem(http.patch(path, "{\"body\":\"\"}", "Authorization", auth), 422, "empty-comment");
        assertProblem(http.patch(path, "{\"text\":\"x\"}", "Authorization", auth), 400, "invalid-field");
        assertProblem(http.put(path + "/vote", "{\"value\":2}", "Authorization", "Bearer " + parley.guestToken("courier")), 400, "invalid-field");
        assertProblem(http.put(path + "/vote", "{\"value\":\"up\"}", "Authorization", "Bearer " + parley.guestToken("courier")), 400, "invalid-field");
        assertProblem(http.put(path + "/vote", "{\"value\":1}", "Authorization", auth), 409, "own-comment-vote");
        assertProblem(http.put("/api/v1/sites/courier/comments/c_000000000zzzzzzzz/vote", "{\"value\":1}", "Authorization", auth),
                404, "unknown-comment");

        JsonNode comment = http.get(path).json();
        assertThat(comment.get("markdown").asText()).isEqualTo("The one good comment");
        assertThat(comment.get("up").asInt()).isZero();
    }

    @Test
    void uploadsFollowTheSitesOwnImageRules() {
        var sites = parley.parley().sites();
        sites.save(new NewSite(new SiteId("text-only"), "Text only", Set.of(), NewSite.DEFAULT_EDIT_WINDOW,
                NewSite.DEFAULT_MAX_COMMENT_LENGTH, new ImageRules(0, 5 << 20, 40_000_000)));
        sites.save(new NewSite(new SiteId("small"), "Small images", Set.of(), NewSite.DEFAULT_EDIT_WINDOW,
                NewSite.DEFAULT_MAX_COMMENT_LENGTH, new ImageRules(4, 2048, 10_000)));
        byte[] picture = TestPictures.png(200, 100, 2);

        assertProblem(upload("text-only", picture), 403, "images-off");
        Http.Reply tooLarge = upload("small", TestPictures.noise(90, 90, 3));
        assertProblem(tooLarge, 413, "image-too-large");
        assertThat(tooLarge.json().get("detail").asText()).contains("larger than 2048 bytes");
        assertProblem(upload("small", TestPictures.png(200, 60, 4)), 422, "image-too-many-pixels");
        assertThat(upload("courier", picture).status()).as("the default rules take it").isEqualTo(201);
    }

    @Test
    void aBannedCommenterCannotUploadImagesEither() {
        String banned = parley.guestToken("courier");
        String comment = http.post(POST, "{\"page\":\"bans\",\"body\":\"Final straw\"}", "Authorization", "Bearer " + banned)
                .json().get("id").asText();
        var admin = parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), "a long enough password");
        parley.parley().moderation().act(admin, new ModeratorAction.Ban(new CommentId(comment), "Repeated abuse."));

        var refused = http.send("POST", "/api/v1/sites/courier/images", TestPictures.png(20, 20, 9), "Authorization", "Bearer " + banned);

        assertProblem(refused, 403, "banned");
        assertThat(refused.json().get("detail").asText()).contains("Repeated abuse.");
    }

    @Test
    void requestsTheServerCannotParseGetProblemsBeforeRouting() {
        assertProblem(http.rawGet("/api/v1/sites/courier/thread?page=%zz"), 400, "bad-request");
        assertProblem(http.get("/api/v1/sites/courier/thread?page=" + "a".repeat(20_000)), 414, "uri-too-long");
    }

    @Test
    void votesOfAnUnknownSiteAreNotFoundEvenForAKnownGuest() {
        assertProblem(http.get("/api/v1/sites/nosuchsite/my-votes?page=x", "Authorization", "Bearer " + token), 404, "unknown-site");
    }

    @Test
    void badPageMetadataIsRefusedFieldByField() {
        String secret = parley.parley().sites().rotateSecret(new org.parley.sites.SiteId("courier"));
        var reply = http.put("/api/v1/sites/courier/pages?key=meta", "{\"publishedAt\":\"yesterday\",\"open\":\"yes\",\"url\":42}",
                "Authorization", "Bearer " + secret);
        assertProblem(reply, 400, "invalid-field");
        assertThat(reply.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("publishedAt", "open", "url");
    }

    @Test
    void randomGarbageNeverCausesAServerError() {
        Random random = new Random(20261125);
        String[] fragments = {"{", "}", "[", "]", "\"page\"", "\"body\"", "\"parentId\"", ":", ",", "null", "true", "1e999",
                "-0", "\"\\u0000\"", "\"\\ud800\"", "\"bad-input\"", "\"c_000000000zzzzzzzz\"", "\"x\"", " ", "\"name\"", "\"\\n\""};
        for (int i = 0; i < 300; i++) {
            byte[] body;
            if (i % 3 == 0) {
                body = new byte[random.nextInt(64)];
                random.nextBytes(body);
            } else {
                StringBuilder json = new StringBuilder();
                for (int j = random.nextInt(12); j >= 0; j--) {
                    json.append(fragments[random.nextInt(fragments.length)]);
                }
                body = utf8(json.toString());
            }
            var reply = http.send("POST", POST, body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
            assertThat(reply.status()).as("garbage #%d %s → %s", i, new String(body, StandardCharsets.UTF_8), reply.text())
                    .isBetween(200, 499);
            if (reply.status() >= 400) {
                assertThat(reply.contentType()).startsWith("application/problem+json");
            }
        }
    }

    static void assertProblem(Http.Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("type").asText()).isEqualTo("urn:parley:problem:" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).hasSizeGreaterThan(15);
        if (status == 401) {
            assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
        }
    }
}
