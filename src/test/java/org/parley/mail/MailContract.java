package org.parley.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.mail.Emails.queued;
import static org.parley.testing.TestSmtp.awaitCondition;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.MutableClock;
import org.parley.testing.TestSmtp;

/**
 * The outbox end to end on one database: enqueue in a transaction, the sender delivers to a real SMTP
 * server (GreenMail), retries with backoff on the injected clock, gives up, honours opt-outs and prunes.
 */
abstract class MailContract {

    static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(START);
    StoreConfig config;
    Database db;
    final List<AutoCloseable> closing = new ArrayList<>();

    abstract StoreConfig store(Path dir);

    /** Drops what {@link #store} made, after the database is closed. */
    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable each : closing.reversed()) {
            each.close();
        }
        db.close();
        dropStore(config);
    }

    <T extends AutoCloseable> T closeLater(T resource) {
        closing.add(resource);
        return resource;
    }

    Mail mail(Database on, TestSmtp smtp, int maxAttempts) {
        return closeLater(Mail.create(on, clock, Emails.smtpOnLoopback(smtp.port(), maxAttempts), Emails.PUBLIC_URL));
    }

    @Test
    void anEnqueuedEmailArrivesAsTextAndHtmlWithItsSubjectAndOneClickUnsubscribe() throws Exception {
        TestSmtp smtp = closeLater(TestSmtp.started());
        Mail mail = mail(db, smtp, 5);

        MailId id = queued(mail.enqueue(Emails.reply("ada@example.org", "<b>Bob</b> & \"friends\"")));

        MimeMessage message = smtp.awaitReceived(1).getFirst();
        assertThat(message.getSubject()).isEqualTo("<b>Bob</b> & \"friends\" answered you on The Courier");
        assertThat(recipients(message)).containsExactly("ada@example.org");
        assertThat(message.getFrom()[0].toString()).isEqualTo("The Courier <comments@news.example>");
        assertThat(message.getMessageID()).isEqualTo("<" + id.value() + "@news.example>");
        String unsubscribe = message.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).matches("<https://comments\\.news\\.example/api/v1/mail/unsubscribe\\?token=[0-9a-f]{32}\\.replies\\.[0-9]+\\.[A-Za-z0-9_-]{43}>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        String text = (String) parts.getBodyPart(0).getContent();
        assertThat(text).contains("<b>Bob</b> & \"friends\" replied", "I see it <differently>.", "https://news.example/bridges#c_1",
                unsubscribe.substring(1, unsubscribe.length() - 1));
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).contains("<strong>&lt;b&gt;Bob&lt;/b&gt; &amp; &quot;friends&quot;</strong>", "I see it &lt;differently&gt;.",
                "<em>Bridges &amp; budgets</em>", "href=\"" + unsubscribe.substring(1, unsubscribe.length() - 1) + "\"");
        assertThat(html).doesNotContain("<b>Bob</b>", "<differently>");
        awaitCondition("the email to be recorded as sent", () -> mail.status(id).orElseThrow().state() == MailState.SENT);
        MailStatus status = mail.status(id).orElseThrow();
        assertThat(status.attempts()).isEqualTo(1);
        assertThat(status.finishedAt()).contains(START);
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void anEmailEnqueuedInATransactionThatRollsBackIsNeverSent() {
        TestSmtp smtp = closeLater(TestSmtp.started());
        Mail mail = mail(db, smtp, 5);

        assertThatThrownBy(() -> db.write(h -> {
            mail.enqueue(h, Emails.reply("rolled-back@example.org", "Bob"));
            throw new IllegalStateException("the caller's own write failed");
        })).hasMessage("the caller's own write failed");
        MailId kept = queued(mail.enqueue(Emails.reply("committed@example.org", "Bob")));

        smtp.awaitReceived(1);
        awaitCondition("the committed email to be recorded as sent", () -> mail.status(kept).orElseThrow().state() == MailState.SENT);
        assertThat(mail.sendDue()).as("nothing else waits").isZero();
        assertThat(smtp.received()).hasSize(1);
        assertThat(recipients(smtp.received().getFirst())).containsExactly("committed@example.org");
    }

    @Test
    void aServerThatIsDownAtFirstGetsTheEmailOnceTheBackoffHasPassed() throws Exception {
        TestSmtp smtp = closeLater(TestSmtp.notStarted());
        Mail mail = mail(db, smtp, 5);

        MailId id = queued(mail.enqueue(Emails.signIn("ada@example.org")));

        awaitCondition("the first attempt to fail", () -> mail.status(id).orElseThrow().attempts() == 1);
        MailStatus failed = mail.status(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(MailState.QUEUED);
        assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error).containsIgnoringCase("connect"));
        assertThat(failed.nextAttemptAt()).isBetween(START.plusSeconds(15), START.plusSeconds(30));
        smtp.start();
        clock.advance(Duration.ofSeconds(14));
        assertThat(mail.sendDue()).as("tried before the backoff has passed").isZero();
        assertThat(mail.status(id).orElseThrow().attempts()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(16));
        mail.sendDue();

        smtp.awaitReceived(1);
        awaitCondition("the retry to be recorded as sent", () -> mail.status(id).orElseThrow().state() == MailState.SENT);
        assertThat(mail.status(id).orElseThrow().attempts()).isEqualTo(2);
        assertThat(smtp.received()).hasSize(1);
        assertThat(smtp.received().getFirst().getHeader("Message-ID")).isNotNull();
    }

    @Test
    void anEmailIsGivenUpAfterTheConfiguredNumberOfAttempts() {
        TestSmtp smtp = closeLater(TestSmtp.notStarted());
        Mail mail = mail(db, smtp, 2);

        MailId id = queued(mail.enqueue(Emails.signIn("ada@example.org")));
        awaitCondition("the first attempt to fail", () -> mail.status(id).orElseThrow().attempts() == 1);
        clock.advance(Duration.ofSeconds(30));
        mail.sendDue();

        awaitCondition("the email to be given up", () -> mail.status(id).orElseThrow().state() == MailState.FAILED);
        MailStatus status = mail.status(id).orElseThrow();
        assertThat(status.attempts()).isEqualTo(2);
        assertThat(status.finishedAt()).contains(START.plusSeconds(30));
        assertThat(status.lastError()).isPresent();
        assertThat(status.lastError().get()).doesNotContain("ada@");
        clock.advance(Duration.ofHours(1));
        assertThat(mail.sendDue()).as("a failed email is not tried again").isZero();
    }

    @Test
    void anOptOutStopsThatCategoryOnlyAndSignInLinksCarryNoUnsubscribe() throws Exception {
        TestSmtp smtp = closeLater(TestSmtp.started());
        Mail mail = mail(db, smtp, 5);
        mail.enqueue(Emails.reply("Ada@Example.org", "Bob"));
        String header = smtp.awaitReceived(1).getFirst().getHeader("List-Unsubscribe", null);
        String token = header.substring(header.indexOf("token=") + 6, header.length() - 1);

        assertThat(mail.unsubscribe(token)).isEqualTo(MailCategory.REPLIES);

        assertThat(mail.optedOut(new EmailAddress("ada@example.ORG"), MailCategory.REPLIES)).as("any case").isTrue();
        assertThat(mail.optedOut(new EmailAddress("ada@example.org"), MailCategory.MODERATION_NOTICES)).isFalse();
        assertThat(mail.enqueue(Emails.reply("ada@example.org", "Carol"))).isEqualTo(new EnqueueOutcome.OptedOut(MailCategory.REPLIES));
        assertThat(mail.enqueue(Emails.reply("grace@example.org", "Carol"))).isInstanceOf(EnqueueOutcome.Queued.class);
        assertThat(mail.enqueue(Emails.rejection("ada@example.org"))).isInstanceOf(EnqueueOutcome.Queued.class);
        assertThat(mail.enqueue(Emails.signIn("ada@example.org"))).isInstanceOf(EnqueueOutcome.Queued.class);
        List<MimeMessage> received = smtp.awaitReceived(4);
        assertThat(mail.unsubscribe(token)).as("a second click changes nothing").isEqualTo(MailCategory.REPLIES);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : received) {
            subjects.add(message.getSubject());
            if (message.getSubject().startsWith("Your sign-in link")) {
                assertThat(message.getHeader("List-Unsubscribe")).as("sign-in links are only sent on request").isNull();
            } else {
                assertThat(message.getHeader("List-Unsubscribe")).isNotNull();
            }
        }
        assertThat(subjects).containsExactlyInAnyOrder("Bob answered you on The Courier", "Carol answered you on The Courier",
                "Your comment on The Courier was not published", "Your sign-in link for The Courier");
    }

    @Test
    void withoutAnSmtpHostNothingIsQueuedAndNothingFails() {
        Mail mail = closeLater(Mail.create(db, clock, MailConfig.off(), Emails.PUBLIC_URL));

        assertThat(mail.enabled()).isFalse();
        assertThat(mail.enqueue(Emails.signIn("ada@example.org"))).isEqualTo(new EnqueueOutcome.MailOff());
        assertThat(mail.sendDue()).isZero();
    }

    @Test
    void finishedEmailsAreDeletedOnceTheRetentionHasPassed() {
        TestSmtp smtp = closeLater(TestSmtp.started());
        Mail mail = mail(db, smtp, 5);
        MailId id = queued(mail.enqueue(Emails.signIn("ada@example.org")));
        awaitCondition("the email to be sent", () -> mail.status(id).orElseThrow().state() == MailState.SENT);

        clock.advance(Duration.ofDays(30).minusHours(1));
        assertThat(mail.prune()).isZero();
        assertThat(mail.status(id)).isPresent();
        clock.advance(Duration.ofHours(2));
        assertThat(mail.prune()).isEqualTo(1);
        assertThat(mail.status(id)).isEmpty();
    }

    static List<String> recipients(MimeMessage message) {
        try {
            return java.util.Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
