package org.parley.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.http.ParleyException;
import org.parley.store.Database;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.TestDatabases;

/**
 * Signing in and out over real HTTP.
 *
 * <p>web/Parley does not mount {@code staff.routes()} yet, so this test starts a small server with the
 * staff routes and an error mapping that, like web/Problems, turns a ParleyException into its status
 * (and Retry-After). Once Parley mounts the routes, switch to RunningParley so the production routing,
 * filters and problem bodies are what is tested.
 */
class StaffRoutesTest {

    static {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
    }

    static final String PASSWORD = "correct horse battery staple";
    static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path dir;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    List<WebServer> servers = new ArrayList<>();
    Staff staff;
    Http http;

    @BeforeEach
    void start() {
        db = Database.open(TestDatabases.sqlite(dir));
        staff = Staff.create(db, clock, StaffConfig.forPublicUrl("https://comments.news.example"), PasswordsTest.CHEAP);
        staff.createUser(new NewStaffUser("ann", Role.MODERATOR, List.of(Scope.parse("courier"))), PASSWORD);
        http = serve(staff);
    }

    @AfterEach
    void stop() {
        servers.forEach(WebServer::stop);
        db.close();
    }

    Http serve(Staff through) {
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.register(through.routes())
                        // How a dashboard handler asks who is signed in.
                        .get("/admin/whoami", (req, res) -> res.send(through.requireSession(req).user().username()))
                        .error(ParleyException.class, (req, res, e) -> {
                            if (e instanceof ParleyException.RateLimited limited) {
                                res.header(HeaderNames.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
                            }
                            res.status(Status.create(e.type().status()))
                                    .header(HeaderNames.CONTENT_TYPE, "application/problem+json")
                                    .send("{\"type\":\"" + e.type().uri() + "\"}");
                        }))
                .build()
                .start();
        servers.add(server);
        return new Http("http://localhost:" + server.port());
    }

    Http.Reply post(Http to, String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        List<String> all = new ArrayList<>(List.of("Content-Type", FORM, "Origin", to.base()));
        all.addAll(List.of(headers));
        return to.send("POST", path, body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    Http.Reply signIn(String username, String password) {
        return post(http, "/admin/login", Map.of("username", username, "password", password));
    }

    static String cookie(Http.Reply reply) {
        String setCookie = reply.header("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie in " + reply.headers()));
        return setCookie.split(";", 2)[0];
    }

    static String token(Http.Reply reply) {
        return cookie(reply).substring("parley_staff=".length());
    }

    @Test
    void theLoginPageIsALabelledFormWithoutInlineScriptsOrStyles() {
        Http.Reply page = http.get("/admin/login");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.text())
                .contains("<html lang=\"en\">", "<label for=\"username\">", "<input id=\"username\" name=\"username\"",
                        "<label for=\"password\">", "type=\"password\"", "autocomplete=\"current-password\"",
                        "<form method=\"post\" action=\"/admin/login\">", "href=\"/admin/assets/admin.css\"")
                .doesNotContain("<script", "style=", "<style", "role=\"alert\"");
    }

    @Test
    void signingInSetsAStrictHttpOnlyDashboardCookieAndGoesOn() {
        Http.Reply reply = post(http, "/admin/login", Map.of("username", "ann", "password", PASSWORD, "next", "/admin/queue?site=courier"));

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.header("Location")).contains("/admin/queue?site=courier");
        String setCookie = reply.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).matches("parley_staff=[A-Za-z0-9_-]{43};.*");
        assertThat(setCookie.split(";\\s*")).contains("HttpOnly", "SameSite=Strict", "Path=/admin", "Secure", "Max-Age=604800");
        assertThat(staff.session(token(reply))).map(session -> session.user().username()).contains("ann");

        assertThat(http.get("/admin/whoami", "Cookie", cookie(reply)).text()).isEqualTo("ann");
        Http.Reply again = http.get("/admin/login?next=/admin/flags", "Cookie", cookie(reply));
        assertThat(again.status()).as("signed in already").isEqualTo(303);
        assertThat(again.header("Location")).contains("/admin/flags");
    }

    @Test
    void onPlainHttpAwayFromLocalhostTheCookieIsNotMarkedSecure() {
        Http intranet = serve(Staff.create(db, clock, StaffConfig.forPublicUrl("http://comments.intranet:8080"), PasswordsTest.CHEAP));

        Http.Reply reply = post(intranet, "/admin/login", Map.of("username", "ann", "password", PASSWORD));

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.header("Set-Cookie").orElseThrow().split(";\\s*")).contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure");
    }

    @Test
    void withoutALiveSessionDashboardHandlersAnswerStaffLoginRequired() {
        Http.Reply none = http.get("/admin/whoami");
        Http.Reply forged = http.get("/admin/whoami", "Cookie", "parley_staff=" + "A".repeat(43));
        Http.Reply garbage = http.get("/admin/whoami", "Cookie", "parley_staff=%00; other=1");

        for (Http.Reply reply : List.of(none, forged, garbage)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.text()).contains("urn:parley:problem:staff-login-required");
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        Http.Reply wrongPassword = signIn("ann", "not the password");
        Http.Reply unknownUser = signIn("nobody", "not the password");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.header("Set-Cookie")).isEmpty();
        assertThat(wrongPassword.text()).contains("role=\"alert\"", "value=\"ann\"", "aria-describedby=\"login-error\"");
        assertThat(wrongPassword.text().replace("value=\"ann\"", "value=\"?\""))
                .isEqualTo(unknownUser.text().replace("value=\"nobody\"", "value=\"?\""));
    }

    @Test
    void theSixthFailedAttemptIsRefusedWith429AndRetryAfter() {
        for (int i = 1; i <= 5; i++) {
            assertThat(signIn("ann", "guess number " + i).status()).as("attempt %d", i).isEqualTo(401);
        }

        Http.Reply sixth = signIn("ann", PASSWORD);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
        assertThat(sixth.contentType()).startsWith("text/html");
        assertThat(sixth.text()).contains("role=\"alert\"", "Too many failed sign-ins");
        assertThat(sixth.header("Set-Cookie")).isEmpty();
    }

    @Test
    void logoutNeedsTheSessionsCsrfToken() {
        Http.Reply signedIn = signIn("ann", PASSWORD);
        Session session = staff.session(token(signedIn)).orElseThrow();

        Http.Reply forged = post(http, "/admin/logout", Map.of(), "Cookie", cookie(signedIn));
        String token = session.csrfToken();
        String altered = (token.charAt(0) == 'x' ? "y" : "x") + token.substring(1);
        Http.Reply wrong = post(http, "/admin/logout", Map.of("csrf", altered), "Cookie", cookie(signedIn));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(wrong.text()).contains("urn:parley:problem:csrf-token-invalid");
        assertThat(staff.session(token(signedIn))).isPresent();

        Http.Reply out = post(http, "/admin/logout", Map.of("csrf", session.csrfToken()), "Cookie", cookie(signedIn));

        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).contains("/admin/login");
        assertThat(out.header("Set-Cookie").orElseThrow()).startsWith("parley_staff=;").contains("Max-Age=0", "Path=/admin");
        assertThat(staff.session(token(signedIn))).isEmpty();
    }

    @Test
    void nextNeverLeadsOffTheDashboard() {
        for (String hostile : List.of("https://evil.example/admin", "//evil.example", "/\\evil.example", "/administrator")) {
            Http.Reply reply = post(http, "/admin/login", Map.of("username", "ann", "password", PASSWORD, "next", hostile));
            assertThat(reply.header("Location")).as(hostile).contains("/admin");
        }
        assertThat(staff.loginLocation("/admin/queue?site=courier")).isEqualTo("/admin/login?next=%2Fadmin%2Fqueue%3Fsite%3Dcourier");
        assertThat(staff.loginLocation("https://evil.example/admin")).isEqualTo("/admin/login");
        assertThat(http.get(staff.loginLocation("/admin/queue?site=courier")).text())
                .contains("name=\"next\" value=\"/admin/queue?site=courier\"");
        assertThat(http.get("/admin/login?next=https://evil.example").text())
                .contains("name=\"next\" value=\"/admin\"").doesNotContain("evil");
    }

    @Test
    void formsFromAnotherOriginOrWithoutOneAreRefused() {
        Http.Reply crossSite = signIn("ann", PASSWORD + "x");
        Http.Reply evil = http.send("POST", "/admin/login", "username=ann".getBytes(StandardCharsets.UTF_8),
                "Content-Type", FORM, "Origin", "https://evil.example");
        Http.Reply none = http.send("POST", "/admin/login", "username=ann".getBytes(StandardCharsets.UTF_8), "Content-Type", FORM);
        Http.Reply referer = http.send("POST", "/admin/login", ("username=ann&password=" + PASSWORD.replace(' ', '+')).getBytes(StandardCharsets.UTF_8),
                "Content-Type", FORM, "Referer", http.base() + "/admin/login");
        Http.Reply publicOrigin = http.send("POST", "/admin/login", ("username=ann&password=" + PASSWORD.replace(' ', '+')).getBytes(StandardCharsets.UTF_8),
                "Content-Type", FORM, "Origin", "https://comments.news.example");

        assertThat(crossSite.status()).as("same origin, wrong password").isEqualTo(401);
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.text()).contains("urn:parley:problem:cross-origin-form");
        assertThat(none.status()).isEqualTo(403);
        assertThat(referer.status()).isEqualTo(303);
        assertThat(publicOrigin.status()).isEqualTo(303);
    }

    @Test
    void aLoginThatIsNotAFormIsRefused() {
        Http.Reply json = http.send("POST", "/admin/login", "{\"username\":\"ann\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Origin", http.base());
        Http.Reply broken = http.send("POST", "/admin/login", "username=%E2%82".getBytes(StandardCharsets.UTF_8),
                "Content-Type", FORM, "Origin", http.base());

        assertThat(json.status()).isEqualTo(415);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.text()).contains("invalid-utf8");
    }
}
