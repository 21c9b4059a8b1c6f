package org.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.CommentId;
import org.parley.moderation.ModeratorAction;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.Scope;
import org.parley.staff.StaffUser;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;
import org.parley.web.ConfigKey;
import org.parley.web.ParleyConfig;

/**
 * Webhooks end to end: a running Parley (private targets allowed, so the receiver on loopback counts),
 * real receivers on free ports, guests posting over HTTP, admins using the JSON API and the dashboard.
 * Time moves only when a test moves the clock.
 */
class WebhookRoutesTest {

    static final String SITE = "herald";
    static final String PASSWORD = "a long enough password";
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static MutableClock clock;
    static RunningParley parley;
    static Http http;
    static StaffUser adminUser;
    static Staffer admin;
    static Staffer otherSiteModerator;
    Receiver receiver;

    record Staffer(String cookie, String csrf) {
    }

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        parley = RunningParley.start(dir, clock, false, Map.of(ConfigKey.WEBHOOKS_ALLOW_PRIVATE_TARGETS, "true",
                ConfigKey.WEBHOOKS_POLL_MILLIS, "50"));
        http = parley.http();
        parley.site(SITE, "https://herald.example");
        parley.site("courier");
        adminUser = parley.parley().staff().createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), PASSWORD);
        admin = signIn("ed");
        parley.parley().staff().createUser(new NewStaffUser("cora", Role.MODERATOR, List.of(Scope.parse("courier"))), PASSWORD);
        otherSiteModerator = signIn("cora");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @BeforeEach
    void startReceiver() {
        receiver = new Receiver();
    }

    /** Endpoints go with their receiver, so a later receiver on a reused port never hears an earlier test's retries. */
    @AfterEach
    void stopReceiver() {
        Webhooks webhooks = parley.parley().webhooks();
        webhooks.endpoints(adminUser, new org.parley.sites.SiteId(SITE)).forEach(e -> webhooks.delete(adminUser, e.site(), e.id()));
        receiver.close();
    }

    @Test
    void aGuestsCommentReachesTheEndpointSignedAsStandardWebhooksSays() throws Exception {
        JsonNode endpoint = add("/created", "comment.created");
        String secret = endpoint.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6)).length).isBetween(24, 64);

        String token = parley.guestToken(SITE);
        String commentId = post(token, "politics-today", "Signed and delivered");

        Receiver.Received got = receiver.await("comment.created", DEADLINE, r -> !r.isEmpty()).getFirst();
        assertThat(got.contentType()).startsWith("application/json");
        assertThat(got.id()).isNotBlank();
        assertThat(Long.parseLong(got.timestamp())).isEqualTo(clock.instant().getEpochSecond());
        long now = clock.instant().getEpochSecond();
        assertThat(SignatureCheck.valid(secret, got.id(), got.timestamp(), got.body(), got.signature(), now)).isTrue();
        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(SignatureCheck.valid(otherSecret, got.id(), got.timestamp(), got.body(), got.signature(), now))
                .as("another secret's signature").isFalse();
        assertThat(SignatureCheck.valid(secret, got.id(), got.timestamp(), got.body() + " ", got.signature(), now))
                .as("a changed body").isFalse();

        JsonNode payload = JSON.readTree(got.body());
        assertThat(payload.get("type").asText()).isEqualTo("comment.created");
        assertThat(Instant.parse(payload.get("timestamp").asText())).isNotNull();
        JsonNode data = payload.get("data");
        assertThat(data.get("site").asText()).isEqualTo(SITE);
        assertThat(data.at("/comment/id").asText()).isEqualTo(commentId);
        assertThat(data.at("/comment/status").asText()).isEqualTo("published");
        assertThat(data.at("/page/key").asText()).isEqualTo("politics-today");
        assertThat(data.at("/author/name").asText()).isEqualTo("Commenter");
        assertThat(data.at("/author/id").asText()).startsWith("g_");
        assertThat(got.body()).as("no reader token in a webhook").doesNotContain(token);
        assertThat(receiver.received()).as("only comment.created was asked for").hasSize(1);
    }

    @Test
    void anEndpointThatFailsGetsTheSameMessageAgainLater() {
        String endpointId = add("/flaky", "comment.created").get("id").asText();
        receiver.answerNext(500);

        post(parley.guestToken(SITE), "retries", "Try again");
        Receiver.Received first = receiver.await("the first attempt", DEADLINE, r -> r.size() == 1).getFirst();
        clock.advance(Duration.ofSeconds(6));
        List<Receiver.Received> both = receiver.await("the retry after the clock moved 6 s", DEADLINE, r -> r.size() == 2);

        assertThat(both.get(1).id()).as("webhook-id of the retry").isEqualTo(first.id());
        assertThat(both.get(1).body()).isEqualTo(first.body());
        assertThat(Long.parseLong(both.get(1).timestamp()) - Long.parseLong(first.timestamp())).as("signed afresh").isEqualTo(6);
        JsonNode log = get(admin, "/api/v1/sites/" + SITE + "/webhooks/" + endpointId + "/deliveries").json().get("deliveries");
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(2);
        assertThat(log.get(0).get("delivered").asBoolean()).isTrue();
        assertThat(log.get(1).get("statusCode").asInt()).isEqualTo(500);
        assertThat(log.get(1).get("error").asText()).isEqualTo("HTTP 500");
        assertThat(log.get(1).get("nextAttemptAt").isTextual()).isTrue();
    }

    @Test
    void aDisabledEndpointGetsNothing() {
        String off = add("/off", "comment.created").get("id").asText();
        Http.Reply disabled = patch(admin, "/api/v1/sites/" + SITE + "/webhooks/" + off, "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        add("/on", "comment.created");

        post(parley.guestToken(SITE), "disabled", "Who hears this?");
        receiver.await("the enabled endpoint's message", DEADLINE, r -> !r.isEmpty());
        parley.parley().webhooks().deliverDue();

        assertThat(receiver.received("/on")).hasSize(1);
        assertThat(receiver.received("/off")).isEmpty();
    }

    @Test
    void readersReportsAndModeratorsActionsReachTheEndpoint() throws Exception {
        add("/moderation", "comment.rejected", "comment.reported", "sanction.given", "sanction.lifted");
        String id = post(parley.guestToken(SITE), "moderated", "Something to act on");
        Http.Reply report = http.post("/api/v1/sites/" + SITE + "/comments/" + id + "/reports", "{\"reason\":\"spam\"}",
                "Authorization", "Bearer " + parley.guestToken(SITE));
        assertThat(report.status()).as(report.text()).isEqualTo(201);
        parley.parley().moderation().act(adminUser, new ModeratorAction.Reject(List.of(new CommentId(id)), "Advertising"));
        parley.parley().moderation().act(adminUser, new ModeratorAction.Warn(new CommentId(id), "No adverts, please"));

        List<Receiver.Received> got = receiver.await("report, rejection and warning", DEADLINE, r -> r.size() == 3);

        JsonNode reported = JSON.readTree(Receiver.of(got, "comment.reported").getFirst().body()).get("data");
        assertThat(reported.at("/comment/id").asText()).isEqualTo(id);
        assertThat(reported.get("reason").asText()).isEqualTo("spam");
        JsonNode rejected = JSON.readTree(Receiver.of(got, "comment.rejected").getFirst().body()).get("data");
        assertThat(rejected.at("/comment/status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("reason").asText()).isEqualTo("Advertising");
        JsonNode warned = JSON.readTree(Receiver.of(got, "sanction.given").getFirst().body()).get("data");
        assertThat(warned.at("/sanction/kind").asText()).isEqualTo("warning");
        assertThat(warned.get("reason").asText()).isEqualTo("No adverts, please");
        assertThat(warned.at("/commenter/id").asText()).isEqualTo(rejected.at("/author/id").asText());
    }

    @Test
    void aHeldCommentIsAnnouncedAndThenItsPublication() throws Exception {
        add("/held", "comment.held", "comment.published");
        parley.parley().moderation().changePage(adminUser, new org.parley.sites.SiteId(SITE), new org.parley.comments.PageKey("premoderated"),
                java.util.Optional.of(org.parley.moderation.Premoderation.ALL), true, "Sensitive story");
        String id = post(parley.guestToken(SITE), "premoderated", "Wait for me");
        Receiver.Received held = receiver.await("comment.held", DEADLINE, r -> !r.isEmpty()).getFirst();

        parley.parley().moderation().act(adminUser, new ModeratorAction.Approve(List.of(new CommentId(id)), java.util.Optional.empty()));
        List<Receiver.Received> got = receiver.await("comment.published after approval", DEADLINE, r -> r.size() == 2);

        JsonNode heldData = JSON.readTree(held.body()).get("data");
        assertThat(JSON.readTree(held.body()).get("type").asText()).isEqualTo("comment.held");
        assertThat(heldData.at("/comment/id").asText()).isEqualTo(id);
        assertThat(heldData.at("/comment/status").asText()).isEqualTo("pending");
        JsonNode published = JSON.readTree(got.get(1).body());
        assertThat(published.get("type").asText()).isEqualTo("comment.published");
        assertThat(published.at("/data/comment/status").asText()).isEqualTo("published");
        assertThat(got.get(1).id()).as("another message, another id").isNotEqualTo(held.id());
    }

    @Test
    void aTestEventIsSentOnRequestAndItsOutcomeShown() {
        String id = add("/test", "comment.created").get("id").asText();

        Http.Reply ok = post(admin, "/api/v1/sites/" + SITE + "/webhooks/" + id + "/test", null);
        receiver.answerNext(500);
        Http.Reply failed = post(admin, "/api/v1/sites/" + SITE + "/webhooks/" + id + "/test", null);

        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().get("delivered").asBoolean()).isTrue();
        assertThat(ok.json().get("statusCode").asInt()).isEqualTo(204);
        assertThat(failed.json().get("delivered").asBoolean()).isFalse();
        assertThat(failed.json().get("error").asText()).isEqualTo("HTTP 500");
        assertThat(failed.json().get("nextAttemptAt").isNull()).as("a test is not retried").isTrue();
        assertThat(receiver.received()).hasSize(2).allSatisfy(r -> assertThat(r.body()).contains("\"type\":\"webhook.test\""));
    }

    @Test
    void afterARotationMessagesCarryTheNewAndTheOldSignature() {
        JsonNode created = add("/rotated", "comment.created");
        String id = created.get("id").asText();
        Http.Reply rotated = post(admin, "/api/v1/sites/" + SITE + "/webhooks/" + id + "/rotate", null);
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(created.get("secret").asText());

        post(admin, "/api/v1/sites/" + SITE + "/webhooks/" + id + "/test", null);

        Receiver.Received got = receiver.await("the test message", DEADLINE, r -> !r.isEmpty()).getFirst();
        long now = clock.instant().getEpochSecond();
        assertThat(got.signature().split(" ")).hasSize(2);
        assertThat(SignatureCheck.valid(newSecret, got.id(), got.timestamp(), got.body(), got.signature(), now)).isTrue();
        assertThat(SignatureCheck.valid(created.get("secret").asText(), got.id(), got.timestamp(), got.body(), got.signature(), now))
                .as("the old secret during the grace period").isTrue();
        assertThat(get(admin, "/admin/audit.json?action=webhook-rotate").text()).contains(id).doesNotContain("whsec_");
    }

    @Test
    void disablingEnablingAndDeletingAreAudited() {
        String id = add("/audited", "comment.created").get("id").asText();
        String path = "/api/v1/sites/" + SITE + "/webhooks/" + id;

        assertThat(patch(admin, path, "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(patch(admin, path, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(http.send("DELETE", path, null, "Cookie", admin.cookie(), "Origin", http.base()).status()).isEqualTo(204);

        for (String action : List.of("webhook-add", "webhook-disable", "webhook-enable", "webhook-delete")) {
            assertThat(get(admin, "/admin/audit.json?action=" + action).text()).as(action).contains(id);
        }
        assertThat(problem(get(admin, path + "/deliveries"), 404)).as("deleted").isEqualTo("unknown-webhook");
        assertThat(get(admin, "/api/v1/sites/" + SITE + "/webhooks").json().get("endpoints").toString()).doesNotContain(id);
    }

    @Test
    void badRequestsGetProblems() {
        String base = "/api/v1/sites/" + SITE + "/webhooks";
        assertThat(problem(post(admin, base, "{\"url\":\"ftp://example.org/hook\",\"events\":[\"comment.created\"]}"), 422))
                .isEqualTo("invalid-webhook");
        assertThat(problem(post(admin, base, "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"comment.exploded\"]}"), 422))
                .isEqualTo("invalid-webhook");
        assertThat(problem(post(admin, base, "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[\"webhook.test\"]}"), 422))
                .as("test messages are not subscribed to").isEqualTo("invalid-webhook");
        assertThat(problem(post(admin, base, "{\"url\":\"" + receiver.url("/x") + "\",\"events\":[]}"), 422)).isEqualTo("invalid-webhook");
        assertThat(problem(post(admin, base, "{\"url\":\"" + receiver.url("/x") + "\"}"), 400)).isEqualTo("invalid-field");
        assertThat(problem(post(admin, base, "{\"url\":"), 400)).isEqualTo("malformed-json");
        assertThat(problem(post(admin, "/api/v1/sites/nowhere/webhooks", "{\"url\":\"" + receiver.url("/x")
                + "\",\"events\":[\"comment.created\"]}"), 404)).isEqualTo("unknown-site");
        assertThat(problem(post(admin, base + "/wh_000000000aaaaaaaa/test", null), 404)).isEqualTo("unknown-webhook");
        assertThat(problem(patch(admin, base + "/wh_000000000aaaaaaaa", "{\"enabled\":true}"), 404)).isEqualTo("unknown-webhook");
        assertThat(problem(get(admin, base + "/wh_000000000aaaaaaaa/deliveries"), 404)).isEqualTo("unknown-webhook");
        assertThat(problem(get(admin, base + "/wh_000000000aaaaaaaa/deliveries?limit=0"), 400)).isEqualTo("invalid-parameter");
        assertThat(problem(http.get(base), 401)).isEqualTo("staff-login-required");
        assertThat(problem(get(otherSiteModerator, base), 403)).isEqualTo("not-site-admin");
        assertThat(problem(http.send("DELETE", base + "/wh_000000000aaaaaaaa", null, "Cookie", admin.cookie(),
                "Origin", "https://herald.example"), 403)).as("a change from the site's own pages, not Parley's").isEqualTo("cross-origin-form");
        assertThat(problem(http.send("DELETE", base + "/wh_000000000aaaaaaaa", null, "Cookie", admin.cookie(),
                "Origin", "https://elsewhere.example"), 403)).as("a change from any other origin").isEqualTo("origin-not-allowed");
        assertThat(ParleyConfig.of(Map.of()).webhooks().allowPrivateTargets()).as("private targets refused by default").isFalse();
    }

    @Test
    void theDashboardPageShowsEndpointsAndTheirDeliveryLog() {
        String id = add("/dashboard", "comment.created").get("id").asText();
        receiver.answerNext(503);
        post(admin, "/api/v1/sites/" + SITE + "/webhooks/" + id + "/test", null);
        String messageId = receiver.await("the test message", DEADLINE, r -> !r.isEmpty()).getFirst().id();

        Http.Reply page = get(admin, "/admin/sites/" + SITE + "/webhooks");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains(receiver.url("/dashboard"), "id=\"webhook-log\"", messageId, "HTTP 503", "webhook.test",
                "action=\"/admin/sites/" + SITE + "/webhooks/" + id + "/test\"");
        assertThat(get(otherSiteModerator, "/admin/sites/" + SITE + "/webhooks").status()).isEqualTo(403);
        assertThat(http.get("/admin/sites/" + SITE + "/webhooks").status()).as("to the login page").isEqualTo(303);
    }

    @Test
    void theDashboardAddsAnEndpointShowingItsSecretOnceAndAuditsIt() {
        Http.Reply bad = form(admin, "/admin/sites/" + SITE + "/webhooks", "url", "gopher://old.example", "event.comment.created", "on");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("id=\"webhook-mistakes\"", "http:// or https://");

        Http.Reply added = form(admin, "/admin/sites/" + SITE + "/webhooks", "url", receiver.url("/form"), "description", "Newsroom bot",
                "event.comment.created", "on", "event.sanction.given", "on");
        assertThat(added.status()).isEqualTo(200);
        Matcher secret = Pattern.compile("<code>(whsec_[A-Za-z0-9+/=]+)</code>").matcher(added.text());
        assertThat(secret.find()).as("the new secret on the page").isTrue();

        assertThat(get(admin, "/admin/sites/" + SITE + "/webhooks").text()).contains("Newsroom bot").doesNotContain(secret.group(1));
        List<JsonNode> audit = StreamSupport.stream(get(admin, "/admin/audit.json?action=webhook-add").json().spliterator(), false).toList();
        assertThat(audit).anySatisfy(entry -> assertThat(entry.toString()).contains(receiver.url("/form")));
        assertThat(audit).allSatisfy(entry -> assertThat(entry.toString()).doesNotContain("whsec_"));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** Registers an endpoint on the receiver through the API; returns the answer (with the secret). */
    JsonNode add(String path, String... events) {
        String list = String.join(",", java.util.Arrays.stream(events).map(e -> "\"" + e + "\"").toList());
        Http.Reply reply = post(admin, "/api/v1/sites/" + SITE + "/webhooks", "{\"url\":\"" + receiver.url(path)
                + "\",\"description\":\"test\",\"events\":[" + list + "]}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    static String post(String guestToken, String page, String body) {
        Http.Reply reply = http.post("/api/v1/sites/" + SITE + "/comments", "{\"page\":\"" + page + "\",\"body\":\"" + body
                + "\",\"name\":\"Commenter\"}", "Authorization", "Bearer " + guestToken);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static Http.Reply get(Staffer who, String path) {
        return http.get(path, "Cookie", who.cookie());
    }

    static Http.Reply post(Staffer who, String path, String json) {
        return json == null ? http.send("POST", path, null, "Cookie", who.cookie(), "Origin", http.base())
                : http.post(path, json, "Cookie", who.cookie(), "Origin", http.base());
    }

    static Http.Reply patch(Staffer who, String path, String json) {
        return http.patch(path, json, "Cookie", who.cookie(), "Origin", http.base());
    }

    static Http.Reply form(Staffer who, String path, String... pairs) {
        List<String> fields = new ArrayList<>(List.of("csrf=" + who.csrf()));
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            fields.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return http.send("POST", path, String.join("&", fields).getBytes(StandardCharsets.UTF_8), "Content-Type",
                "application/x-www-form-urlencoded", "Cookie", who.cookie(), "Origin", http.base());
    }

    static String problem(Http.Reply reply, int status) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.text()).startsWith("application/problem+json");
        return reply.json().get("type").asText().replace("urn:parley:problem:", "");
    }

    static Staffer signIn(String name) {
        Http.Reply login = http.send("POST", "/admin/login", ("username=" + name + "&password=" + URLEncoder.encode(PASSWORD,
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded",
                "Origin", http.base());
        assertThat(login.status()).as("sign-in of %s", name).isEqualTo(303);
        String cookie = login.header("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher csrf = CSRF.matcher(http.get("/admin", "Cookie", cookie).text());
        assertThat(csrf.find()).as("a CSRF field for %s", name).isTrue();
        return new Staffer(cookie, csrf.group(1));
    }
}
