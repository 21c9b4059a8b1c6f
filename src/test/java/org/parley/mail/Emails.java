package org.parley.mail;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Emails and mail configurations for tests. */
final class Emails {

    static final String PUBLIC_URL = "https://comments.news.example";

    private Emails() {
    }

    static MailConfig smtpOnLoopback(int port, int maxAttempts) {
        SmtpServer server = new SmtpServer("127.0.0.1", port, TlsMode.NONE, Optional.empty(), Optional.empty(),
                new EmailAddress("comments@news.example"), "The Courier", Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new MailConfig(Optional.of(server), maxAttempts, Duration.ofDays(30), Optional.empty());
    }

    static OutgoingMail reply(String to, String replierName) {
        return new OutgoingMail(new EmailAddress(to), MailTemplate.REPLY_NOTIFICATION, Map.of(
                "siteName", "The Courier",
                "readerName", "Ada",
                "replierName", replierName,
                "articleTitle", "Bridges & budgets",
                "replyExcerpt", "I see it <differently>.",
                "replyUrl", "https://news.example/bridges#c_1"));
    }

    static OutgoingMail rejection(String to) {
        return new OutgoingMail(new EmailAddress(to), MailTemplate.COMMENT_REJECTED, Map.of(
                "siteName", "The Courier",
                "readerName", "Ada",
                "articleTitle", "Bridges & budgets",
                "commentExcerpt", "You are all wrong",
                "reason", "Personal attack"));
    }

    static OutgoingMail signIn(String to) {
        return new OutgoingMail(new EmailAddress(to), MailTemplate.SIGN_IN_LINK, Map.of(
                "siteName", "The Courier",
                "signInUrl", "https://comments.news.example/sign-in?code=abc",
                "validMinutes", "15"));
    }

    static MailId queued(EnqueueOutcome outcome) {
        if (outcome instanceof EnqueueOutcome.Queued(MailId id)) {
            return id;
        }
        throw new AssertionError("expected the email to be queued, but: " + outcome);
    }
}
