package org.parley.logins;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestSmtp;
import org.parley.sites.SiteId;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;

/**
 * Signing in with a link sent by email, against a real SMTP server: the link leads back to the article with its token
 * in the fragment, signs in once within its lifetime, makes the account the first time under the name asked for,
 * and the answer never says whether the address had an account. Requests are limited per address and per network.
 */
class EmailLinkSignInTest {

    static final String ARTICLE = "https://www.courier.example/2026/12/river-report";
    static final Pattern LINK = Pattern.compile(Pattern.quote(ARTICLE) + "#parley-link=([A-Za-z0-9_-]+)");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    TestSmtp smtp;
    RunningParley parley;
    Http http;

    @BeforeEach
    void start() {
        smtp = TestSmtp.started();
        parley = RunningParley.start(dir, clock, false, smtp.parleyConfig("comments@courier.example"));
        http = parley.http();
        parley.site("courier", "https://www.courier.example");
        parley.parley().logins().save(new SiteId("courier"), new LoginSettings(Optional.empty(), Optional.empty(), Optional.empty(),
                "courier", Optional.empty(), true, false));
    }

    @AfterEach
    void stop() {
        parley.close();
        smtp.close();
    }

    Http.Reply ask(String email, String name) {
        return http.post("/api/v1/sites/courier/sign-in/email",
                "{\"email\":\"" + email + "\",\"returnUrl\":\"" + ARTICLE + "#comments\",\"name\":\"" + name + "\"}");
    }

    static String text(MimeMessage message) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        return (String) parts.getBodyPart(0).getContent();
    }

    String linkToken(int nth) throws Exception {
        MimeMessage message = smtp.awaitReceived(nth).get(nth - 1);
        Matcher link = LINK.matcher(text(message));
        assertThat(link.find()).as(text(message)).isTrue();
        return link.group(1);
    }

    Http.Reply redeem(String token) {
        return http.post("/api/v1/sites/courier/sign-in/email/verify", "{\"token\":\"" + token + "\"}");
    }

    @Test
    void theLinkInTheEmailSignsInOnceAndMakesTheAccountUnderTheNameAskedFor() throws Exception {
        Http.Reply asked = ask("Ada@Mail.Example", "Ada L.");
        assertThat(asked.status()).as(asked.text()).isEqualTo(202);
        MimeMessage email = smtp.awaitReceived(1).getFirst();
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("Ada@Mail.Example");
        assertThat(email.getSubject()).contains("Test site courier");
        String token = linkToken(1);

        Http.Reply session = redeem(token);
        assertThat(session.status()).as(session.text()).isEqualTo(200);
        assertThat(session.json().get("account").get("name").asText()).isEqualTo("Ada L.");
        assertThat(session.json().get("account").get("email").asText()).isEqualTo("ada@mail.example");
        assertThat(session.json().get("account").get("emailVerified").asBoolean()).isTrue();
        Http.Reply again = redeem(token);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:parley:problem:email-link-invalid");

        assertThat(ask("ada@mail.example", "Someone Else").status()).as("same answer for an address with an account").isEqualTo(202);
        Http.Reply back = redeem(linkToken(2));
        assertThat(back.json().get("account").get("id").asText()).isEqualTo(session.json().get("account").get("id").asText());
        assertThat(back.json().get("account").get("name").asText()).as("the name asked for names new accounts only").isEqualTo("Ada L.");
    }

    @Test
    void aReaderSignedInByEmailChangesTheirNameButNotToOneAnotherAccountShows() throws Exception {
        ask("ada@mail.example", "Ada");
        String ada = redeem(linkToken(1)).json().get("token").asText();
        ask("bo@mail.example", "Bo");
        redeem(linkToken(2));

        Http.Reply renamed = http.patch("/api/v1/sites/courier/me", "{\"name\":\"  Ada   Lovelace \"}", "Authorization", "Bearer " + ada);
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Ada Lovelace");
        Http.Reply taken = http.patch("/api/v1/sites/courier/me", "{\"name\":\"BO\"}", "Authorization", "Bearer " + ada);
        assertThat(taken.json().get("type").asText()).isEqualTo("urn:parley:problem:name-taken");
        assertThat(http.patch("/api/v1/sites/courier/me", "{\"name\":\"!!\"}", "Authorization", "Bearer " + ada).status()).isEqualTo(400);
        assertThat(http.patch("/api/v1/sites/courier/me", "{\"name\":\"Guesty\"}", "Authorization", "Bearer " + parley.guestToken("courier"))
                .status()).as("a guest has no account name").isEqualTo(403);
        assertThat(http.post("/api/v1/sites/courier/comments", "{\"page\":\"p\",\"body\":\"Hi\",\"name\":\"ada lovelace\"}",
                "Authorization", "Bearer " + parley.guestToken("courier")).status()).as("the new name is protected").isEqualTo(409);
    }

    @Test
    void aLinkExpiresAndWorksOnlyOnItsOwnSite() throws Exception {
        ask("bob@mail.example", "Bob");
        String token = linkToken(1);
        clock.advance(EmailLinks.LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(redeem(token).status()).isEqualTo(401);

        parley.site("gazette", "https://gazette.example");
        ask("bob@mail.example", "Bob");
        String courierToken = linkToken(2);
        Http.Reply elsewhere = http.post("/api/v1/sites/gazette/sign-in/email/verify", "{\"token\":\"" + courierToken + "\"}");
        assertThat(elsewhere.status()).isEqualTo(401);
        assertThat(redeem(courierToken).status()).as("still good on its own site").isEqualTo(200);
    }

    @Test
    void badRequestsAndFloodsAreRefusedWithTheirReason() {
        assertThat(http.post("/api/v1/sites/courier/sign-in/email", "{\"email\":\"not-an-address\",\"returnUrl\":\"" + ARTICLE + "\"}")
                .json().get("type").asText()).isEqualTo("urn:parley:problem:invalid-email-address");
        Http.Reply offSite = http.post("/api/v1/sites/courier/sign-in/email",
                "{\"email\":\"eve@mail.example\",\"returnUrl\":\"https://evil.example/phish\"}");
        assertThat(offSite.status()).isEqualTo(400);
        assertThat(offSite.json().get("detail").asText()).contains("returnUrl");
        for (int i = 0; i < EmailLinks.PER_EMAIL.count(); i++) {
            assertThat(ask("cy@mail.example", "Cy").status()).isEqualTo(202);
        }
        Http.Reply flooded = ask("CY@Mail.Example", "Cy");
        assertThat(flooded.status()).isEqualTo(429);
        assertThat(flooded.header("Retry-After")).isPresent();
        assertThat(ask("dee@mail.example", "Dee").status()).as("another address").isEqualTo(202);

        parley.parley().logins().save(new SiteId("courier"), LoginSettings.none("courier"));
        assertThat(ask("dee@mail.example", "Dee").json().get("type").asText()).isEqualTo("urn:parley:problem:sign-in-method-off");
        assertThat(URI.create(ARTICLE).getHost()).isEqualTo("www.courier.example");
    }
}
