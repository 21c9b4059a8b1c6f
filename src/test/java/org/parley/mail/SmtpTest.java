package org.parley.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Which of Angus Mail's failures are worth another attempt, told from the exceptions it really throws. */
class SmtpTest {

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
