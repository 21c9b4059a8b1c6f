package org.parley.mail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How Parley sends email.
 *
 * @param smtp         the server to send through; empty turns email off (nothing is queued or sent)
 * @param maxAttempts  sending attempts per email before it is marked failed (temporary failures are retried)
 * @param retention    how long sent and failed emails stay in the outbox before they are deleted
 * @param templatesDir a directory whose template files replace the shipped ones of the same name
 */
public record MailConfig(Optional<SmtpServer> smtp, int maxAttempts, Duration retention, Optional<Path> templatesDir) {

    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final int DEFAULT_RETENTION_DAYS = 30;

    public MailConfig {
        if (maxAttempts < 1 || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("mail needs at least one attempt and a positive retention");
        }
    }

    /** Email off, with the shipped templates. */
    public static MailConfig off() {
        return new MailConfig(Optional.empty(), DEFAULT_MAX_ATTEMPTS, Duration.ofDays(DEFAULT_RETENTION_DAYS), Optional.empty());
    }
}
