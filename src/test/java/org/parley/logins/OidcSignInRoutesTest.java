package org.parley.logins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;
import org.parley.web.ConfigKey;

/**
 * Readers sign in with an OpenID provider a site configured, over real HTTP against a real provider started here
 * (mock-oauth2-server: discovery, JWKS, authorize and token endpoints, signing real RS256 ID tokens). Each test walks
 * the popup's redirects by hand: start, the provider's authorize endpoint, the callback, whose page hands the session
 * to the article's origin. States that are forged, replayed, expired or for another site, ID tokens with another
 * nonce or audience, refused codes, provider errors, origins the site does not list and unknown providers are each
 * refused with their own problem.
 */
class OidcSignInRoutesTest {

    static final SiteId COURIER = new SiteId("courier");
    static final String ARTICLE = "https://courier.example";
    static final String CLIENT = "parley-courier";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.now());
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    RunningParley parley;
    Http http;
    MockOAuth2Server provider;

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // the redirect URI is built from the public URL, so the port must be known first
        }
        parley = RunningParley.start(dir, clock, false, Map.of(ConfigKey.SERVER_PORT, Integer.toString(port),
                ConfigKey.SERVER_PUBLIC_URL, "http://127.0.0.1:" + port));
        http = parley.http();
        parley.site("courier", ARTICLE);
        parley.site("gazette", ARTICLE);
        provider = new MockOAuth2Server();
        provider.start();
        addProvider("newsroom", "Newsroom ID", "newsroom-idp");
    }

    @AfterEach
    void stop() {
        provider.shutdown();
        parley.close();
    }

    void addProvider(String id, String label, String issuerId) {
        parley.parley().logins().addOidcProvider(COURIER, new OidcProvider(id, label, issuer(issuerId), CLIENT, "client-secret-" + id, null));
    }

    URI issuer(String issuerId) {
        return URI.create(provider.issuerUrl(issuerId).toString().replaceAll("/+$", ""));
    }

    /** The provider signs in {@code subject} with {@code claims} at its next token request. */
    void providerWillSignIn(String issuerId, String subject, Map<String, Object> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, 3600));
    }

    static Map<String, Object> person(String name, String email, boolean verified) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", name);
        claims.put("email", email);
        claims.put("email_verified", verified);
        return claims;
    }

    HttpResponse<String> get(URI uri, String accept) {
        try {
            return browser.send(HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(uri.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";

    URI startUri(String providerId, String origin) {
        return URI.create(http.base() + "/api/v1/sites/courier/sign-in/oidc/" + providerId + "/start?origin="
                + java.net.URLEncoder.encode(origin, StandardCharsets.UTF_8));
    }

    /** Opens the popup: Parley's start, then the provider's authorize endpoint; returns where the provider sends the reader back. */
    URI toCallback(String providerId) {
        HttpResponse<String> started = get(startUri(providerId, ARTICLE), BROWSER);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        URI authorize = URI.create(started.headers().firstValue("Location").orElseThrow());
        assertThat(query(authorize)).containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge")
                .containsEntry("client_id", CLIENT).containsEntry("scope", "openid email profile")
                .containsEntry("redirect_uri", http.base().replace("localhost", "127.0.0.1") + "/api/v1/sites/courier/sign-in/oidc/callback");
        HttpResponse<String> authorized = get(authorize, BROWSER);
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
        return URI.create(authorized.headers().firstValue("Location").orElseThrow());
    }

    /** The callback's page, checked for its CSP; returns the data block it hands the opener. */
    static JsonNode handedToOpener(HttpResponse<String> page) throws Exception {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().allValues("Content-Security-Policy")).as("one policy: a second would forbid the script").hasSize(1);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(csp).contains("default-src 'none'", "script-src 'sha256-" + hash + "'").doesNotContain("unsafe-inline");
        assertThat(script.group(1)).contains("window.opener.postMessage({parleySession:d.session},d.origin)").doesNotContain("'*'");
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"parley-sign-in\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page.body());
        assertThat(data.find()).as(page.body()).isTrue();
        return JSON.readTree(data.group(1));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static void assertProblem(HttpResponse<String> reply, int status, String slug) throws IOException {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        assertThat(JSON.readTree(reply.body()).get("type").asText()).as(reply.body()).isEqualTo("urn:parley:problem:" + slug);
        assertThat(reply.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(reply.body()).get("type").asText()).isEqualTo("urn:parley:problem:" + slug);
    }

    @Test
    void aReaderSignsInWithTheSitesProviderAndThePopupHandsTheSessionToTheArticlesOriginOnly() throws Exception {
        JsonNode ways = http.get("/api/v1/sites/courier/sign-in").json();
        assertThat(ways.get("oidc")).hasSize(1);
        assertThat(ways.get("oidc").get(0).get("id").asText()).isEqualTo("newsroom");
        assertThat(ways.get("oidc").get(0).get("label").asText()).isEqualTo("Newsroom ID");
        assertThat(ways.toString()).doesNotContain("client-secret", CLIENT, "newsroom-idp");

        providerWillSignIn("newsroom-idp", "reader-17", person("Ada Lovelace", "ada@readers.example", true));
        JsonNode handed = handedToOpener(get(toCallback("newsroom"), BROWSER));
        assertThat(handed.get("origin").asText()).isEqualTo(ARTICLE);
        JsonNode session = handed.get("session");
        assertThat(session.get("expiresAt").asText()).isNotBlank();
        assertThat(session.get("account").get("name").asText()).isEqualTo("Ada Lovelace");

        Http.Reply me = http.get("/api/v1/sites/courier/me", "Authorization", "Bearer " + session.get("token").asText());
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        assertThat(me.json().get("kind").asText()).isEqualTo("account");
        assertThat(me.json().get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(me.json().get("email").asText()).isEqualTo("ada@readers.example");

        providerWillSignIn("newsroom-idp", "reader-17", person("Ada L.", "ada@readers.example", true));
        JsonNode again = handedToOpener(get(toCallback("newsroom"), BROWSER)).get("session");
        assertThat(again.get("account").get("id").asText()).as("the same subject reaches the same account")
                .isEqualTo(session.get("account").get("id").asText());
        assertThat(again.get("token").asText()).isNotEqualTo(session.get("token").asText());
    }

    @Test
    void anOpenIdProvidersVerifiedEmailJoinsNoAccountAndItsNamesTakeNoOneElses() throws Exception {
        // Any provider a site adds can call an address verified: taking it at its word would hand over the account of
        // whoever signed in with that address another way.
        addProvider("google", "Google", "google-idp");
        providerWillSignIn("newsroom-idp", "n-1", person("Grace Hopper", "grace@readers.example", true));
        String first = handedToOpener(get(toCallback("newsroom"), BROWSER)).get("session").get("account").get("id").asText();

        providerWillSignIn("google-idp", "g-1", person("Grace Hopper", "grace@readers.example", true));
        JsonNode other = handedToOpener(get(toCallback("google"), BROWSER)).get("session").get("account");
        assertThat(other.get("id").asText()).as("a separate account").isNotEqualTo(first);
        assertThat(other.get("name").asText()).as("a name another account shows is not taken").isEqualTo("Reader");
    }

    @Test
    void replayedForgedExpiredAndMisdirectedStatesAreRefused() throws Exception {
        providerWillSignIn("newsroom-idp", "reader-1", person("Al", "al@readers.example", true));
        URI callback = toCallback("newsroom");
        assertThat(get(callback, BROWSER).statusCode()).isEqualTo(200);
        assertProblem(get(callback, "application/json"), 400, "oidc-state-invalid");

        URI forged = URI.create(http.base() + "/api/v1/sites/courier/sign-in/oidc/callback?state=made-up&code=whatever");
        assertProblem(get(forged, "application/json"), 400, "oidc-state-invalid");
        assertProblem(get(URI.create(http.base() + "/api/v1/sites/courier/sign-in/oidc/callback?code=whatever"), "application/json"),
                400, "oidc-state-invalid");

        URI late = toCallback("newsroom");
        clock.advance(OidcFlow.LIFETIME.plusSeconds(1));
        HttpResponse<String> expired = get(late, "application/json");
        assertProblem(expired, 400, "oidc-state-invalid");
        assertThat(expired.body()).contains("expired");

        URI elsewhere = toCallback("newsroom");
        URI gazette = URI.create(elsewhere.toString().replace("/sites/courier/", "/sites/gazette/"));
        assertProblem(get(gazette, "application/json"), 400, "oidc-state-invalid");
        assertProblem(get(elsewhere, "application/json"), 400, "oidc-state-invalid"); // the misdirected try used it up
    }

    @Test
    void anIdTokenWithAnotherNonceAudienceOrIssuerARefusedCodeAndAProviderErrorAreRefused() throws Exception {
        Map<String, Object> forgedNonce = person("Eve", "eve@readers.example", true);
        forgedNonce.put("nonce", "a-nonce-from-another-sign-in");
        providerWillSignIn("newsroom-idp", "eve", forgedNonce);
        HttpResponse<String> nonce = get(toCallback("newsroom"), "application/json");
        assertProblem(nonce, 401, "oidc-id-token-invalid");
        assertThat(nonce.body()).containsIgnoringCase("nonce");

        Map<String, Object> otherClient = person("Eve", "eve@readers.example", true);
        otherClient.put("aud", "some-other-client");
        providerWillSignIn("newsroom-idp", "eve", otherClient);
        HttpResponse<String> audience = get(toCallback("newsroom"), "application/json");
        assertProblem(audience, 401, "oidc-id-token-invalid");
        assertThat(audience.body()).containsIgnoringCase("aud");

        // This provider redeems even a code it never issued, with a token of no sign-in: the nonce check catches it.
        Map<String, Object> otherIssuer = person("Eve", "eve@readers.example", true);
        otherIssuer.put("iss", issuer("elsewhere-idp").toString());
        providerWillSignIn("newsroom-idp", "eve", otherIssuer);
        HttpResponse<String> issued = get(toCallback("newsroom"), "application/json");
        assertProblem(issued, 401, "oidc-id-token-invalid");
        assertThat(issued.body()).containsIgnoringCase("iss");

        Map<String, String> genuine = query(toCallback("newsroom"));
        URI madeUpCode = URI.create(http.base() + "/api/v1/sites/courier/sign-in/oidc/callback?state="
                + java.net.URLEncoder.encode(genuine.get("state"), StandardCharsets.UTF_8) + "&code=not-a-code");
        assertProblem(get(madeUpCode, "application/json"), 401, "oidc-id-token-invalid");

        // A code stolen from one sign-in and injected into another: PKCE makes the provider refuse it.
        Map<String, String> stolen = query(toCallback("newsroom"));
        Map<String, String> victim = query(URI.create(get(startUri("newsroom", ARTICLE), BROWSER).headers().firstValue("Location").orElseThrow()));
        URI injected = URI.create(http.base() + "/api/v1/sites/courier/sign-in/oidc/callback?state="
                + java.net.URLEncoder.encode(victim.get("state"), StandardCharsets.UTF_8) + "&code="
                + java.net.URLEncoder.encode(stolen.get("code"), StandardCharsets.UTF_8));
        HttpResponse<String> refusedCode = get(injected, "application/json");
        assertProblem(refusedCode, 401, "oidc-code-refused");
        assertThat(refusedCode.body()).contains("invalid_grant");

        Map<String, String> denied = query(URI.create(get(startUri("newsroom", ARTICLE), BROWSER).headers().firstValue("Location").orElseThrow()));
        URI accessDenied = URI.create(http.base() + "/api/v1/sites/courier/sign-in/oidc/callback?state="
                + java.net.URLEncoder.encode(denied.get("state"), StandardCharsets.UTF_8) + "&error=access_denied");
        HttpResponse<String> refused = get(accessDenied, BROWSER);
        assertThat(refused.statusCode()).as("a browser gets the problem as a page").isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none'").doesNotContain("script-src");
        assertThat(refused.body()).contains("access_denied", "oidc-sign-in-refused").doesNotContain("<script");
    }

    @Test
    void originsTheSiteDoesNotListAreRefusedAtStartAndAtTheCallbackAndUnknownProvidersAre404() throws Exception {
        assertProblem(get(startUri("newsroom", "https://elsewhere.example"), "application/json"), 403, "origin-not-allowed");
        HttpResponse<String> page = get(startUri("newsroom", "https://elsewhere.example"), BROWSER);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("https://elsewhere.example", "origin-not-allowed");
        assertProblem(get(startUri("newsroom", ARTICLE + "/story?x=1"), "application/json"), 400, "invalid-parameter");
        assertProblem(get(URI.create(http.base() + "/api/v1/sites/courier/sign-in/oidc/newsroom/start"), "application/json"), 400,
                "invalid-parameter");
        assertProblem(get(startUri("facebook", ARTICLE), "application/json"), 404, "oidc-provider-unknown");
        assertProblem(get(URI.create(http.base() + "/api/v1/sites/nowhere/sign-in/oidc/newsroom/start?origin=https%3A%2F%2Fcourier.example"),
                "application/json"), 404, "unknown-site");

        URI callback = toCallback("newsroom");
        parley.parley().sites().save(NewSite.withDefaults(COURIER, "Test site courier", List.of("https://www.courier.example")));
        assertProblem(get(callback, "application/json"), 403, "origin-not-allowed");

        parley.parley().logins().removeOidcProvider(COURIER, "newsroom");
        assertThat(http.get("/api/v1/sites/courier/sign-in").json().get("oidc")).isEmpty();
    }

    @Test
    void aProviderThatCannotBeReachedIsA503ThatSaysSo() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        parley.parley().logins().addOidcProvider(COURIER, new OidcProvider("gone", "Gone", URI.create("http://127.0.0.1:" + closed + "/idp"),
                CLIENT, "secret", null));
        HttpResponse<String> down = get(startUri("gone", ARTICLE), "application/json");
        assertProblem(down, 503, "oidc-provider-unavailable");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(down.body()).contains("'gone'").doesNotContain("secret");
    }

    @Test
    void oneNetworkStartsAtMostThirtySignInsAMinute() throws Exception {
        int allowed = OidcFlow.STARTS.getFirst().count();
        for (int i = 0; i < allowed; i++) {
            assertThat(get(startUri("newsroom", ARTICLE), BROWSER).statusCode()).as("start %d", i + 1).isEqualTo(302);
        }
        HttpResponse<String> flood = get(startUri("newsroom", ARTICLE), "application/json");
        assertProblem(flood, 429, "oidc-too-many-sign-ins");
        assertThat(flood.headers().firstValue("Retry-After")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(get(startUri("newsroom", ARTICLE), BROWSER).statusCode()).isEqualTo(302);
    }
}
