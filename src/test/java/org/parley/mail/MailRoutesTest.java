package org.parley.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.Http;
import org.parley.testing.MutableClock;
import org.parley.testing.RunningParley;
import org.parley.testing.TestSmtp;

/** One-click unsubscribe over real HTTP, on a running Parley that sends to a real SMTP server. */
class MailRoutesTest {

    static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    TestSmtp smtp;
    RunningParley parley;
    Mail mail;

    @BeforeEach
    void start() {
        smtp = TestSmtp.started();
        parley = RunningParley.start(dir, clock, false, smtp.parleyConfig("comments@news.example"));
        mail = parley.parley().mail();
    }

    @AfterEach
    void stop() {
        parley.close();
        smtp.close();
    }

    @Test
    void aOneClickPostStopsTheNextEmailOfThatCategoryButNotOthers() throws Exception {
        String link = unsubscribeLink(Emails.reply("ada@example.org", "Bob"), 1);

        Http.Reply reply = parley.http().send("POST", link, "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8),
                "Content-Type", FORM);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.text()).contains("no more emails about replies");
        assertThat(mail.enqueue(Emails.reply("ada@example.org", "Carol"))).isEqualTo(new EnqueueOutcome.OptedOut(MailCategory.REPLIES));
        assertThat(mail.enqueue(Emails.rejection("ada@example.org"))).isInstanceOf(EnqueueOutcome.Queued.class);
        assertThat(smtp.awaitReceived(2).get(1).getSubject()).isEqualTo("Your comment on The Courier was not published");
        assertThat(parley.http().send("POST", link, null).status()).as("again, with no body at all").isEqualTo(200);
    }

    @Test
    void openingTheLinkShowsAButtonThatPostsAndUnsubscribesNobody() throws Exception {
        String link = unsubscribeLink(Emails.rejection("ada@example.org"), 1);

        Http.Reply page = parley.http().get(link);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.text()).contains("<form method=\"post\" action=\"" + link + "\">",
                "name=\"List-Unsubscribe\" value=\"One-Click\"", "moderators' decisions");
        assertThat(mail.optedOut(new EmailAddress("ada@example.org"), MailCategory.MODERATION_NOTICES)).isFalse();
        assertThat(mail.enqueue(Emails.rejection("ada@example.org"))).isInstanceOf(EnqueueOutcome.Queued.class);
    }

    @Test
    void forgedDamagedMissingAndExpiredTokensAreProblemsThatSayWhat() throws Exception {
        String link = unsubscribeLink(Emails.reply("ada@example.org", "Bob"), 1);
        char last = link.charAt(link.length() - 1);
        String forged = link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherCategory = link.replace(".replies.", ".digest.");

        assertProblem(parley.http().send("POST", forged, "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8),
                "Content-Type", FORM), 403, "forged-unsubscribe-token");
        assertProblem(parley.http().send("POST", otherCategory, null), 403, "forged-unsubscribe-token");
        assertProblem(parley.http().get(forged), 403, "forged-unsubscribe-token");
        assertProblem(parley.http().send("POST", "/api/v1/mail/unsubscribe?token=abc", null), 400, "malformed-unsubscribe-token");
        assertProblem(parley.http().send("POST", "/api/v1/mail/unsubscribe", null), 400, "invalid-parameter");
        assertProblem(parley.http().send("POST", link, new byte[64 * 1024], "Content-Type", FORM), 413, "body-too-large");
        assertThat(mail.optedOut(new EmailAddress("ada@example.org"), MailCategory.REPLIES)).as("after all those").isFalse();
        clock.advance(MailKeys.TOKEN_LIFETIME.plus(Duration.ofMinutes(1)));
        assertProblem(parley.http().send("POST", link, null), 410, "expired-unsubscribe-token");
        assertProblem(parley.http().get(link), 410, "expired-unsubscribe-token");
    }

    /** Enqueues {@code email}, waits for it as the {@code nth} at the server, and returns its link's path and query. */
    private String unsubscribeLink(OutgoingMail email, int nth) throws Exception {
        assertThat(mail.enqueue(email)).isInstanceOf(EnqueueOutcome.Queued.class);
        MimeMessage message = smtp.awaitReceived(nth).get(nth - 1);
        String header = message.getHeader("List-Unsubscribe", null);
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        return header.substring(header.indexOf("/api/v1/mail/unsubscribe"), header.length() - 1);
    }

    private static void assertProblem(Http.Reply reply, int status, String slug) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("type").asText()).isEqualTo("urn:parley:problem:" + slug);
        assertThat(reply.json().path("detail").asText()).isNotBlank();
    }
}
