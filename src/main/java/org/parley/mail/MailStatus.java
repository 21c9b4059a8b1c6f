package org.parley.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of an email: its state, how many times sending was tried, when it is next tried (while
 * queued), when it was sent or given up on, and the last error (an SMTP reply or a connection failure;
 * never a password).
 */
public record MailStatus(MailId id, MailCategory category, MailState state, int attempts, Instant nextAttemptAt,
                         Optional<Instant> finishedAt, Optional<String> lastError) {
}
