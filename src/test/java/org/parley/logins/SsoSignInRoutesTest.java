package org.parley.logins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.identity.ReaderPolicy;
import org.parley.sites.SiteId;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;

/**
 * A newsroom's own login signs its readers in over real HTTP: the host page hands the widget a JWT, the widget
 * exchanges it for a session, and the reader then writes under their account's name and badges. Tokens that are
 * expired, replayed, wrongly signed, unsigned or made for another site are refused with a problem that says which;
 * keys published at a JWKS URL (served here by a real HTTP server) can rotate without a restart.
 */
class SsoSignInRoutesTest {

    static final String SECRET = "a-newsroom-secret-of-more-than-thirty-two-bytes";
    static final SiteId COURIER = new SiteId("courier");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    RunningParley parley;
    Http http;
    HttpServer keyServer;
    final AtomicReference<String> publishedKeys = new AtomicReference<>("{\"keys\":[]}");

    @BeforeEach
    void start() throws IOException {
        parley = RunningParley.start(dir, clock, false, Map.of());
        http = parley.http();
        parley.site("courier");
        parley.site("gazette");
        keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keyServer.createContext("/keys.json", exchange -> {
            byte[] body = publishedKeys.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keyServer.start();
    }

    @AfterEach
    void stop() {
        keyServer.stop(0);
        parley.close();
    }

    void acceptSso(Optional<String> secret, Optional<URI> jwks) {
        parley.parley().logins().save(COURIER, new LoginSettings(secret, jwks, Optional.empty(), "courier",
                Optional.of(URI.create("https://courier.example/login")), false, false));
    }

    URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + keyServer.getAddress().getPort() + "/keys.json");
    }

    JWTClaimsSet.Builder claims(String subject, String name) {
        return new JWTClaimsSet.Builder().subject(subject).claim("name", name).claim("email", subject + "@readers.example")
                .claim("email_verified", true).audience("courier").issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(5))));
    }

    static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    String hs256(JWTClaimsSet claims) throws JOSEException {
        return sign(new MACSigner(SECRET), new JWSHeader(JWSAlgorithm.HS256), claims);
    }

    Http.Reply exchange(String token) {
        return http.post("/api/v1/sites/courier/sign-in/sso", "{\"token\":\"" + token + "\"}");
    }

    static void assertProblem(Http.Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:parley:problem:" + slug);
    }

    @Test
    void aReaderSignedInByTheNewsroomWritesUnderTheirAccountsNameAndBadgeAndNoGuestCanTakeIt() throws JOSEException {
        acceptSso(Optional.of(SECRET), Optional.empty());
        JsonNode ways = http.get("/api/v1/sites/courier/sign-in").json();
        assertThat(ways.get("sso").get("loginUrl").asText()).isEqualTo("https://courier.example/login");
        assertThat(ways.get("guests").asBoolean()).isTrue();

        Http.Reply signedIn = exchange(hs256(claims("u-42", "Jane Reporter").claim("roles", List.of("staff", "editor")).build()));
        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
        assertThat(signedIn.header("Cache-Control")).hasValue("no-store");
        String session = signedIn.json().get("token").asText();
        JsonNode me = http.get("/api/v1/sites/courier/me", "Authorization", "Bearer " + session).json();
        assertThat(me.get("kind").asText()).isEqualTo("account");
        assertThat(me.get("name").asText()).isEqualTo("Jane Reporter");
        assertThat(me.get("email").asText()).isEqualTo("u-42@readers.example");
        assertThat(me.get("badges")).extracting(JsonNode::asText).containsExactly("staff");

        Http.Reply posted = http.post("/api/v1/sites/courier/comments", "{\"page\":\"story\",\"body\":\"From the newsroom.\",\"name\":\"Someone Else\"}",
                "Authorization", "Bearer " + session);
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        assertThat(posted.text()).contains("Jane Reporter").doesNotContain("Someone Else");

        assertThat(http.patch("/api/v1/sites/courier/me", "{\"name\":\"J. R.\"}", "Authorization", "Bearer " + session).json()
                .get("type").asText()).as("the newsroom names its readers").isEqualTo("urn:parley:problem:name-from-newsroom");

        Http.Reply impostor = http.post("/api/v1/sites/courier/comments", "{\"page\":\"story\",\"body\":\"Trust me.\",\"name\":\"jane  REPORTER\"}",
                "Authorization", "Bearer " + parley.guestToken("courier"));
        assertProblem(impostor, 409, "name-taken");
    }

    @Test
    void commentsShowTheBadgesTheNewsroomGaveAndMarkTheStaffMemberTheBylineNamesAsTheAuthor() throws JOSEException {
        acceptSso(Optional.of(SECRET), Optional.empty());
        String siteSecret = parley.parley().sites().rotateSecret(COURIER);
        assertThat(http.put("/api/v1/sites/courier/pages?key=river", "{\"byline\":\"By Jane Reporter and Tom Smith\"}",
                "Authorization", "Bearer " + siteSecret).status()).isEqualTo(200);
        String jane = exchange(hs256(claims("u-1", "Jane Reporter").claim("roles", List.of("staff")).build())).json().get("token").asText();
        String tom = exchange(hs256(claims("u-2", "Tom Smith").claim("roles", "subscriber").build())).json().get("token").asText();
        String sam = exchange(hs256(claims("u-3", "Sam Staffer").claim("badges", List.of("staff")).build())).json().get("token").asText();
        for (String token : List.of(jane, tom, sam, parley.guestToken("courier"))) {
            assertThat(http.post("/api/v1/sites/courier/comments", "{\"page\":\"river\",\"body\":\"A comment.\",\"name\":\"Guest G\"}",
                    "Authorization", "Bearer " + token).status()).isEqualTo(201);
        }
        JsonNode thread = http.get("/api/v1/sites/courier/thread?page=river&sort=oldest").json();
        List<String> shown = new java.util.ArrayList<>();
        thread.get("comments").forEach(c -> shown.add(c.get("author").get("name").asText() + ": "
                + (c.get("author").has("badges") ? c.get("author").get("badges").toString() : "none")));
        assertThat(shown).containsExactly("Jane Reporter: [\"staff\",\"author\"]", "Tom Smith: [\"subscriber\"]",
                "Sam Staffer: [\"staff\"]", "Guest G: none");
    }

    @Test
    void expiredReplayedWronglySignedUnsignedAndMisaddressedTokensAreEachRefusedWithTheirReason() throws JOSEException {
        acceptSso(Optional.of(SECRET), Optional.empty());
        String token = hs256(claims("u-1", "Al").build());
        assertThat(exchange(token).status()).isEqualTo(200);
        assertProblem(exchange(token), 401, "sso-token-replayed");
        // The signature's last character carries spare bits: another spelling of the same signature verifies, and is a replay.
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + (char) (last ^ 1);
        Http.Reply again = exchange(respelled);
        assertThat(again.status()).as(again.text()).isEqualTo(401);
        assertThat(again.json().get("type").asText()).isIn("urn:parley:problem:sso-token-replayed", "urn:parley:problem:sso-token-invalid");

        JWTClaimsSet expired = claims("u-1", "Al").expirationTime(Date.from(clock.instant().minus(Duration.ofMinutes(5)))).build();
        assertProblem(exchange(hs256(expired)), 401, "sso-token-expired");
        assertProblem(exchange(hs256(claims("u-1", "Al").audience("gazette").build())), 401, "sso-wrong-audience");
        assertProblem(exchange(sign(new MACSigner(SECRET.replace('a', 'b')), new JWSHeader(JWSAlgorithm.HS256),
                claims("u-1", "Al").build())), 401, "sso-token-invalid");
        assertProblem(exchange(new PlainJWT(claims("u-1", "Al").build()).serialize()), 401, "sso-token-invalid");
        assertProblem(exchange(hs256(claims("u-1", "Al").expirationTime(null).build())), 401, "sso-token-invalid");
        assertProblem(exchange(hs256(claims("u-1", "Al").expirationTime(Date.from(clock.instant().plus(Duration.ofDays(30)))).build())),
                401, "sso-token-invalid");
        assertProblem(exchange(hs256(new JWTClaimsSet.Builder(claims("u-1", "Al").build()).subject(null).build())), 401, "sso-token-invalid");
        assertProblem(exchange("not.a.jwt"), 401, "sso-token-invalid");
        assertThat(http.post("/api/v1/sites/courier/sign-in/sso", "{}").status()).as("no token").isEqualTo(400);

        clock.advance(Duration.ofMinutes(10));
        Http.Reply late = exchange(hs256(claims("u-1", "Al").issueTime(Date.from(clock.instant().plus(Duration.ofHours(1)))).build()));
        assertProblem(late, 401, "sso-token-invalid");
        assertProblem(http.post("/api/v1/sites/gazette/sign-in/sso", "{\"token\":\"" + token + "\"}"), 403, "sign-in-method-off");
    }

    @Test
    void keysPublishedAtTheNewsroomsJwksUrlVerifyRs256AndEs256TokensAndMayRotateWithoutARestart() throws JOSEException {
        RSAKey first = new RSAKeyGenerator(2048).keyID("2026-11").generate();
        ECKey curve = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        publish(first, curve);
        acceptSso(Optional.empty(), Optional.of(jwksUrl()));

        Http.Reply rsa = exchange(sign(new RSASSASigner(first), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("2026-11").build(),
                claims("u-7", "Rita").build()));
        assertThat(rsa.status()).as(rsa.text()).isEqualTo(200);
        Http.Reply ec = exchange(sign(new ECDSASigner(curve), new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
                claims("u-8", "Emil").build()));
        assertThat(ec.status()).as(ec.text()).isEqualTo(200);

        RSAKey next = new RSAKeyGenerator(2048).keyID("2026-12").generate();
        publish(next);
        Http.Reply rotated = exchange(sign(new RSASSASigner(next), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("2026-12").build(),
                claims("u-7", "Rita").build()));
        assertThat(rotated.status()).as("a key first seen now is fetched at once: %s", rotated.text()).isEqualTo(200);
        assertThat(rotated.json().get("account").get("id").asText()).isEqualTo(rsa.json().get("account").get("id").asText());

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("2026-12").generate();
        assertProblem(exchange(sign(new RSASSASigner(stranger), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("2026-12").build(),
                claims("u-9", "Mallory").build())), 401, "sso-token-invalid");
        assertProblem(exchange(hs256(claims("u-9", "Mallory").build())), 401, "sso-token-invalid");
    }

    void publish(JWK... keys) {
        publishedKeys.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    @Test
    void aSignedInReaderSaysWhichBrowserTheyAreInWithItsGuestToken() throws JOSEException {
        acceptSso(Optional.of(SECRET), Optional.empty());
        String session = exchange(hs256(claims("u-5", "Bea").build())).json().get("token").asText();
        String guest = parley.guestToken("courier");
        assertThat(http.post("/api/v1/sites/courier/me/browser", "{\"guestToken\":\"" + guest + "\"}", "Authorization", "Bearer " + session)
                .status()).isEqualTo(204);
        assertProblem(http.post("/api/v1/sites/courier/me/browser", "{\"guestToken\":\"" + session + "\"}", "Authorization", "Bearer " + session),
                400, "unknown-browser");
        assertProblem(http.post("/api/v1/sites/courier/me/browser", "{\"guestToken\":\"" + guest + "\"}", "Authorization", "Bearer " + guest),
                403, "sign-in-required");
    }

    @Test
    void signingOutEndsTheSessionAndSigningOutEverywhereEndsEveryDevicesSession() throws JOSEException {
        acceptSso(Optional.of(SECRET), Optional.empty());
        UnaryOperator<String> session = subject -> {
            try {
                return exchange(hs256(claims(subject, "Al").jwtID(java.util.UUID.randomUUID().toString()).build())).json().get("token").asText();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        };
        String phone = session.apply("u-1");
        String laptop = session.apply("u-1");
        String tablet = session.apply("u-1");

        assertThat(http.delete("/api/v1/sites/courier/sessions/current", "Authorization", "Bearer " + phone).status()).isEqualTo(204);
        assertProblem(http.get("/api/v1/sites/courier/me", "Authorization", "Bearer " + phone), 401, "session-ended");
        assertThat(http.get("/api/v1/sites/courier/me", "Authorization", "Bearer " + laptop).status()).isEqualTo(200);

        Http.Reply everywhere = http.delete("/api/v1/sites/courier/sessions", "Authorization", "Bearer " + laptop);
        assertThat(everywhere.json().get("ended").asInt()).isEqualTo(2);
        assertProblem(http.get("/api/v1/sites/courier/me", "Authorization", "Bearer " + tablet), 401, "session-ended");
    }

    @Test
    void aSiteForSignedInReadersOnlyTellsGuestsToSignInBeforeWriting() throws JOSEException {
        acceptSso(Optional.of(SECRET), Optional.empty());
        parley.parley().identity().setPolicy(COURIER, new ReaderPolicy("courier", false));
        assertThat(http.get("/api/v1/sites/courier/sign-in").json().get("guests").asBoolean()).isFalse();

        String guest = parley.guestToken("courier");
        assertProblem(http.post("/api/v1/sites/courier/comments", "{\"page\":\"story\",\"body\":\"Hello\"}",
                "Authorization", "Bearer " + guest), 403, "sign-in-required");
        String member = exchange(hs256(claims("u-3", "Mo").build())).json().get("token").asText();
        assertThat(http.post("/api/v1/sites/courier/comments", "{\"page\":\"story\",\"body\":\"Hello\"}",
                "Authorization", "Bearer " + member).status()).isEqualTo(201);
    }
}
