package org.parley.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.testing.TestSmtp;

/**
 * Handing email to a real SMTP server (GreenMail): authentication, and TLS modes that must never fall back
 * to plain text; and which of Angus Mail's failures are worth another attempt, told from the exceptions it
 * really throws.
 */
class SmtpTest {

    static final OutboxRow ROW = new OutboxRow(new MailId("m_000000000aaaaaaaa"), "ada@example.org",
            "0123456789abcdef0123456789abcdef", "Hello", "Hello in text", "<p>Hello in HTML</p>", Optional.empty(), 0);
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    static SmtpServer server(int port, TlsMode tls, Optional<String> user, Optional<String> password) {
        return new SmtpServer("127.0.0.1", port, tls, user, password, new EmailAddress("comments@news.example"), "",
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void withAUserNameParleyAuthenticatesAndAWrongPasswordIsRetriedWithoutBeingRepeated() {
        try (TestSmtp smtp = TestSmtp.started()) {
            smtp.user("parley", "right-Passw0rd");

            Delivery refused = new Smtp(server(smtp.port(), TlsMode.NONE, Optional.of("parley"), Optional.of("wrong-Passw0rd")), clock)
                    .send(ROW);
            Delivery accepted = new Smtp(server(smtp.port(), TlsMode.NONE, Optional.of("parley"), Optional.of("right-Passw0rd")), clock)
                    .send(ROW);

            assertThat(refused).isInstanceOfSatisfying(Delivery.Temporary.class, t -> assertThat(t.error())
                    .contains("user name or password").doesNotContain("Passw0rd"));
            assertThat(accepted).isInstanceOf(Delivery.Accepted.class);
            assertThat(smtp.received()).hasSize(1);
        }
    }

    @Test
    void oneConnectionCarriesABatchAndAFailedOneIsReopenedForTheNextEmail() {
        try (TestSmtp smtp = TestSmtp.notStarted();
             Smtp.Connection connection = new Smtp(server(smtp.port(), TlsMode.NONE, Optional.empty(), Optional.empty()), clock)
                     .connection()) {
            assertThat(connection.send(ROW)).as("server down").isInstanceOf(Delivery.Temporary.class);
            smtp.start();

            for (int i = 0; i < 3; i++) {
                assertThat(connection.send(ROW)).as("email %d", i + 1).isInstanceOf(Delivery.Accepted.class);
            }

            assertThat(smtp.awaitReceived(3)).hasSize(3);
        }
    }

    @Test
    void requiredStartTlsAndImplicitTlsNeverFallBackToPlainText() {
        try (TestSmtp plainOnly = TestSmtp.started()) {
            Delivery startTls = new Smtp(server(plainOnly.port(), TlsMode.STARTTLS, Optional.empty(), Optional.empty()), clock).send(ROW);
            Delivery implicit = new Smtp(server(plainOnly.port(), TlsMode.IMPLICIT, Optional.empty(), Optional.empty()), clock).send(ROW);

            assertThat(startTls).isInstanceOfSatisfying(Delivery.Temporary.class, t -> assertThat(t.error()).contains("STARTTLS"));
            assertThat(implicit).isInstanceOf(Delivery.Temporary.class);
            assertThat(plainOnly.received()).as("nothing went out in the clear").isEmpty();
        }
    }

    @Test
    void aFourHundredReplyIsTriedAgainAndAFiveHundredOneIsNot() throws Exception {
        var greylisted = new SMTPSendFailedException("DATA", 451, "451 4.7.1 Try again later", null, null, null, null);
        var unknownUser = new SMTPAddressFailedException(new InternetAddress("nobody@example.org"), "RCPT TO", 550,
                "550 5.1.1 <nobody@example.org>: no such user");
        // As Transport.sendMessage reports a refused recipient: the reply hangs off a SendFailedException.
        var refused = new SendFailedException("Invalid Addresses", unknownUser);

        assertThat(Smtp.classify(greylisted)).isInstanceOf(Delivery.Temporary.class);
        Delivery permanent = Smtp.classify(refused);
        assertThat(permanent).isInstanceOfSatisfying(Delivery.Permanent.class, p -> assertThat(p.error())
                .contains("550 5.1.1", "…@example.org").doesNotContain("nobody@"));
    }

    @Test
    void noConnectionAndRefusedCredentialsAreTriedAgain() {
        assertThat(Smtp.classify(new MessagingException("Couldn't connect to host", new java.net.ConnectException("Connection refused"))))
                .isInstanceOfSatisfying(Delivery.Temporary.class, t -> assertThat(t.error()).contains("Connection refused"));
        assertThat(Smtp.classify(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")))
                .isInstanceOfSatisfying(Delivery.Temporary.class, t -> assertThat(t.error()).contains("user name or password"));
    }
}
