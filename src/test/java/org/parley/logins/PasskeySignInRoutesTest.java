package org.parley.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.logins.SsoSignInRoutesTest.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.sites.SiteId;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;

/**
 * Passkeys over real HTTP, as the widget on a newsroom's article page uses them: a reader makes an account with a
 * passkey and a name, writes under that name, signs in with the passkey again; and each bad answer (replayed,
 * expired, from a page the site does not list, made on another page, malformed, unknown, forged) is a 4xx problem
 * saying which. The authenticator is {@link SoftwareAuthenticator}; the browser test drives Chromium's own.
 */
class PasskeySignInRoutesTest {

    static final String PAGE = "https://courier.example";
    static final String OTHER_PAGE = "https://www.courier.example";
    static final String BASE = "/api/v1/sites/courier/sign-in/passkey/";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    RunningParley parley;
    Http http;

    @BeforeEach
    void start() {
        parley = RunningParley.start(dir, clock, false, Map.of());
        http = parley.http();
        parley.site("courier", PAGE, OTHER_PAGE);
        parley.site("gazette", "https://gazette.example");
        passkeys("courier", true);
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    void passkeys(String site, boolean on) {
        parley.parley().logins().save(new SiteId(site), new LoginSettings(Optional.empty(), Optional.empty(), Optional.empty(), site,
                Optional.of(URI.create("https://" + site + ".example/login")), false, on));
    }

    Http.Reply post(String path, String body, String origin, String... more) {
        String[] headers = new String[more.length + 2];
        headers[0] = "Origin";
        headers[1] = origin;
        System.arraycopy(more, 0, headers, 2, more.length);
        return http.post(BASE + path, body, headers);
    }

    JsonNode ok(Http.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 201);
        return reply.json();
    }

    /** Readers in these tests come from networks of their own, each: one network may ask only so often. */
    private int network;

    String nextNetwork() {
        network++;
        return "198.51." + (network / 250) + "." + (network % 250 + 1);
    }

    JsonNode createOptions(String name) {
        return ok(post("register/options", "{\"name\":\"" + name + "\"}", PAGE, "X-Forwarded-For", nextNetwork()));
    }

    JsonNode signInOptions() {
        return ok(post("authenticate/options", "{}", PAGE, "X-Forwarded-For", nextNetwork()));
    }

    @Test
    void oneNetworkAskingForPasskeyOptionsOverAndOverIsToldToWait() {
        for (int i = 0; i < OidcFlow.STARTS.getFirst().count(); i++) {
            ok(post("authenticate/options", "{}", PAGE, "X-Forwarded-For", "203.0.113.9"));
        }
        Http.Reply refused = post("authenticate/options", "{}", PAGE, "X-Forwarded-For", "203.0.113.9");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:parley:problem:too-many-passkey-requests");
        assertThat(refused.header("Retry-After")).isPresent();
        ok(post("authenticate/options", "{}", PAGE, "X-Forwarded-For", "203.0.114.9"));
    }

    @Test
    void aReaderMakesAnAccountWithAPasskeyWritesUnderItsNameAndSignsInWithItAgain() {
        assertThat(http.get("/api/v1/sites/courier/sign-in").json().get("passkeys").asBoolean()).isTrue();
        JsonNode options = createOptions("Ada Reader");
        assertThat(options.at("/publicKey/rp/id").asText()).as("the RP ID is the article page's host").isEqualTo("courier.example");
        assertThat(options.at("/publicKey/authenticatorSelection/residentKey").asText()).isEqualTo("required");
        assertThat(options.at("/publicKey/authenticatorSelection/userVerification").asText()).isEqualTo("preferred");

        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        JsonNode session = ok(post("register/verify", phone.create(options, PAGE).toString(), PAGE));
        assertThat(session.at("/account/name").asText()).isEqualTo("Ada Reader");
        String token = session.get("token").asText();

        Http.Reply posted = http.post("/api/v1/sites/courier/comments", "{\"page\":\"story\",\"body\":\"Signed in with a passkey.\"}",
                "Authorization", "Bearer " + token);
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        assertThat(posted.json().at("/author/name").asText()).isEqualTo("Ada Reader");

        JsonNode signIn = signInOptions();
        assertThat(signIn.at("/publicKey/allowCredentials").size()).as("usernameless: the authenticator offers its own").isZero();
        assertThat(signIn.at("/publicKey/rpId").asText()).isEqualTo("courier.example");
        JsonNode again = ok(post("authenticate/verify", phone.get(signIn, PAGE).toString(), PAGE));
        assertThat(again.at("/account/id").asText()).isEqualTo(session.at("/account/id").asText());

        assertProblem(post("register/options", "{\"name\":\"ADA reader\"}", PAGE), 409, "name-taken");
    }

    @Test
    void aSignedInReaderAddsAPasskeyToTheirAccount() {
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        JsonNode session = ok(post("register/verify", phone.create(createOptions("Ada Reader"), PAGE).toString(), PAGE));
        String bearer = "Bearer " + session.get("token").asText();

        JsonNode options = ok(post("register/options", "{}", PAGE, "Authorization", bearer));
        assertThat(options.at("/publicKey/excludeCredentials/0/id").asText()).isEqualTo(phone.credentialId());
        SoftwareAuthenticator laptop = new SoftwareAuthenticator();
        assertProblem(post("register/verify", laptop.create(options, PAGE).toString(), PAGE), 400, "passkey-challenge-unknown");
        Http.Reply added = post("register/verify", laptop.create(options, PAGE).toString(), PAGE, "Authorization", bearer);
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.json().at("/passkey/id").asText()).isEqualTo(laptop.credentialId());

        JsonNode again = ok(post("authenticate/verify", laptop.get(signInOptions(), PAGE).toString(), PAGE));
        assertThat(again.at("/account/id").asText()).isEqualTo(session.at("/account/id").asText());
        assertProblem(post("register/options", "{\"name\":\"Ada\"}", PAGE, "Authorization", bearer), 400, "invalid-field");
    }

    @Test
    void aReaderSignedInByTheNewsroomAddsAPasskeyAndSignsInWithItToTheSameAccount() throws Exception {
        parley.parley().logins().save(new SiteId("courier"), new LoginSettings(Optional.of(SsoSignInRoutesTest.SECRET), Optional.empty(),
                Optional.empty(), "courier", Optional.empty(), false, true));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u-42").claim("name", "Jane Reporter").claim("roles", "staff")
                .audience("courier").expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(5)))).build();
        JsonNode sso = ok(http.post("/api/v1/sites/courier/sign-in/sso", "{\"token\":\""
                + SsoSignInRoutesTest.sign(new MACSigner(SsoSignInRoutesTest.SECRET), new JWSHeader(JWSAlgorithm.HS256), claims) + "\"}"));
        String bearer = "Bearer " + sso.get("token").asText();

        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        JsonNode options = ok(post("register/options", "{}", PAGE, "Authorization", bearer));
        assertThat(options.at("/publicKey/user/name").asText()).isEqualTo("Jane Reporter");
        assertThat(post("register/verify", phone.create(options, PAGE).toString(), PAGE, "Authorization", bearer).status()).isEqualTo(201);

        JsonNode again = ok(post("authenticate/verify", phone.get(signInOptions(), PAGE).toString(), PAGE));
        assertThat(again.at("/account/id").asText()).isEqualTo(sso.at("/account/id").asText());
        assertThat(again.at("/account/name").asText()).isEqualTo("Jane Reporter");
        assertThat(again.at("/account/badges/0").asText()).as("the newsroom's badge stays").isEqualTo("staff");
    }

    @Test
    void aPasskeyOfAnAccountItsReaderClosedSignsNoOneIn() {
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        String token = ok(post("register/verify", phone.create(createOptions("Ada Reader"), PAGE).toString(), PAGE)).get("token").asText();
        Http.Reply left = http.delete("/api/v1/sites/courier/me?comments=remove", "Authorization", "Bearer " + token);
        assertThat(left.status()).as(left.text()).isEqualTo(200);

        assertProblem(post("authenticate/verify", phone.get(signInOptions(), PAGE).toString(), PAGE), 401, "passkey-unknown");
        ok(post("register/options", "{\"name\":\"Ada Reader\"}", PAGE)); // and the name is free again
    }

    @Test
    void replayedExpiredAndMisdirectedChallengesAreRefused() {
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        ObjectNode registration = phone.create(createOptions("Ada Reader"), PAGE);
        ok(post("register/verify", registration.toString(), PAGE));
        assertProblem(post("register/verify", registration.toString(), PAGE), 400, "passkey-challenge-used");

        ObjectNode assertion = phone.get(signInOptions(), PAGE);
        ok(post("authenticate/verify", assertion.toString(), PAGE));
        assertProblem(post("authenticate/verify", assertion.toString(), PAGE), 400, "passkey-challenge-used");

        ObjectNode late = phone.get(signInOptions(), PAGE);
        clock.advance(Duration.ofMinutes(6));
        assertProblem(post("authenticate/verify", late.toString(), PAGE), 400, "passkey-challenge-expired");

        JsonNode forged = signInOptions();
        ((ObjectNode) forged.get("publicKey")).put("challenge", SoftwareAuthenticator.base64url(new byte[32]));
        assertProblem(post("authenticate/verify", phone.get(forged, PAGE).toString(), PAGE), 400, "passkey-challenge-unknown");

        JsonNode forCreating = createOptions("Bo Reader");
        ((ObjectNode) forCreating.get("publicKey")).put("rpId", "courier.example");
        assertProblem(post("authenticate/verify", phone.get(forCreating, PAGE).toString(), PAGE), 400, "passkey-challenge-unknown");
    }

    @Test
    void pagesTheSiteDoesNotListAndAnswersMadeOnAnotherPageAreRefused() {
        assertProblem(post("authenticate/options", "{}", "https://evil.example"), 403, "origin-not-allowed");
        assertProblem(http.post(BASE + "authenticate/options", "{}"), 403, "origin-not-allowed");

        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        JsonNode options = createOptions("Ada Reader");
        assertProblem(post("register/verify", phone.create(options, PAGE).toString(), OTHER_PAGE), 403, "passkey-wrong-origin");
        phone.clientOrigin = "https://evil.example";
        assertProblem(post("register/verify", phone.create(options, PAGE).toString(), PAGE), 403, "passkey-wrong-origin");
        phone.clientOrigin = null;
        ok(post("register/verify", phone.create(options, PAGE).toString(), PAGE));

        JsonNode onOtherHost = ok(post("authenticate/options", "{}", OTHER_PAGE));
        assertThat(onOtherHost.at("/publicKey/rpId").asText()).isEqualTo("www.courier.example");
        assertProblem(post("authenticate/verify", phone.get(onOtherHost, OTHER_PAGE).toString(), OTHER_PAGE), 401, "passkey-refused");
    }

    @Test
    void aSiteWithPasskeysOffRefusesEveryPasskeyRequest() {
        assertThat(http.get("/api/v1/sites/gazette/sign-in").json().get("passkeys").asBoolean()).isFalse();
        Http.Reply refused = http.post("/api/v1/sites/gazette/sign-in/passkey/authenticate/options", "{}", "Origin", "https://gazette.example");
        assertProblem(refused, 403, "sign-in-method-off");
        assertProblem(http.post("/api/v1/sites/gazette/sign-in/passkey/register/options", "{\"name\":\"Al\"}", "Origin",
                "https://gazette.example"), 403, "sign-in-method-off");

        JsonNode options = createOptions("Ada Reader");
        passkeys("courier", false);
        assertProblem(post("register/verify", new SoftwareAuthenticator().create(options, PAGE).toString(), PAGE), 403, "sign-in-method-off");
    }

    @Test
    void malformedUnknownForgedAndClonedAnswersAreEachRefusedWithTheirReason() {
        assertProblem(post("register/options", "{\"name\":", PAGE), 400, "malformed-json");
        assertProblem(post("register/options", "{}", PAGE), 400, "invalid-field");
        assertProblem(post("register/options", "{\"name\":\"" + "x".repeat(81) + "\"}", PAGE), 400, "invalid-field");
        assertProblem(post("register/options", "{\"name\":\"\\u200b ...\"}", PAGE), 400, "invalid-field");
        assertProblem(post("authenticate/options", "{\"extra\":1}", PAGE), 400, "invalid-field");

        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        ObjectNode registration = phone.create(createOptions("Ada Reader"), PAGE);
        assertProblem(post("register/verify", "{\"id\":\"abc\"}", PAGE), 400, "invalid-field");
        ObjectNode badBase64 = registration.deepCopy();
        ((ObjectNode) badBase64.get("response")).put("attestationObject", "not base64url!");
        assertProblem(post("register/verify", badBase64.toString(), PAGE), 400, "invalid-field");
        ObjectNode notJson = registration.deepCopy();
        ((ObjectNode) notJson.get("response")).put("clientDataJSON", SoftwareAuthenticator.base64url("{oops".getBytes()));
        assertProblem(post("register/verify", notJson.toString(), PAGE), 400, "passkey-malformed");
        ObjectNode garbage = registration.deepCopy();
        ((ObjectNode) garbage.get("response")).put("attestationObject", SoftwareAuthenticator.base64url(new byte[] {1, 2, 3}));
        assertProblem(post("register/verify", garbage.toString(), PAGE), 400, "passkey-malformed");
        assertProblem(post("authenticate/verify", registration.toString(), PAGE), 400, "invalid-field");
        ok(post("register/verify", registration.toString(), PAGE));

        SoftwareAuthenticator stranger = new SoftwareAuthenticator();
        stranger.create(createOptions("Bo Reader"), PAGE); // made, never sent: the server does not know it
        assertProblem(post("authenticate/verify", stranger.get(signInOptions(), PAGE).toString(), PAGE), 401, "passkey-unknown");

        ObjectNode forged = phone.get(signInOptions(), PAGE);
        byte[] signature = Base64.getUrlDecoder().decode(forged.at("/response/signature").asText());
        signature[signature.length - 1] ^= 1;
        ((ObjectNode) forged.get("response")).put("signature", SoftwareAuthenticator.base64url(signature));
        assertProblem(post("authenticate/verify", forged.toString(), PAGE), 401, "passkey-refused");

        ok(post("authenticate/verify", phone.get(signInOptions(), PAGE).toString(), PAGE));
        phone.counter = 0; // a copy of the key that missed the last sign-in
        assertProblem(post("authenticate/verify", phone.get(signInOptions(), PAGE).toString(), PAGE), 401, "passkey-cloned");
    }

    @Test
    void damagedAnswersNeverCauseA5xxAndADamagedSignatureNeverSignsIn() {
        Random random = new Random(20261207);
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            // Registration bytes carry no signature (attestation "none"): a flip in a part nobody checks may pass.
            ObjectNode answer = new SoftwareAuthenticator().create(createOptions("Reader " + i), PAGE);
            damage(answer, random.nextBoolean() ? "attestationObject" : "clientDataJSON", random);
            Http.Reply reply = post("register/verify", answer.toString(), PAGE);
            assertThat(reply.status()).as("damaged registration %d: %s", i, reply.text()).isLessThan(500);
            refused += reply.status() >= 400 ? 1 : 0;
        }
        assertThat(refused).as("most damaged registrations are refused").isGreaterThan(15);
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        JsonNode creating = createOptions("Ada Reader");
        ok(post("register/verify", phone.create(creating, PAGE).toString(), PAGE));
        JsonNode signingIn = signInOptions();
        String[] parts = {"authenticatorData", "clientDataJSON", "signature"};
        for (int i = 0; i < 30; i++) {
            ObjectNode answer = phone.get(signingIn, PAGE);
            damage(answer, parts[random.nextInt(parts.length)], random);
            Http.Reply reply = post("authenticate/verify", answer.toString(), PAGE);
            assertThat(reply.status()).as("damaged assertion %d: %s", i, reply.text()).isBetween(400, 499);
        }
    }

    /** Flips a few bits of, or cuts short, one base64url field of an answer's response. */
    static void damage(ObjectNode answer, String field, Random random) {
        ObjectNode response = (ObjectNode) answer.get("response");
        byte[] bytes = Base64.getUrlDecoder().decode(response.get(field).asText());
        if (random.nextInt(3) == 0) {
            bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
        } else {
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        response.put(field, SoftwareAuthenticator.base64url(bytes));
    }
}
