package org.parley.mail;

/** What {@link Mail#enqueue} did with an email. */
public sealed interface EnqueueOutcome {

    /** Stored; it is sent once the caller's transaction commits. */
    record Queued(MailId id) implements EnqueueOutcome {
    }

    /** Not stored: the recipient opted out of the email's category. */
    record OptedOut(MailCategory category) implements EnqueueOutcome {
    }

    /** Not stored: no SMTP server is configured, so Parley sends no email at all. */
    record MailOff() implements EnqueueOutcome {
    }
}
