package org.parley.moderation;

import java.util.Locale;
import java.util.Optional;

/** The moderators' queues. */
public enum QueueKind {
    /** Held before publishing. */
    PENDING,
    /** Readers reported them. */
    REPORTED,
    /** Published, but a signal asked for a look. */
    FLAGGED,
    APPROVED,
    REJECTED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<QueueKind> parse(String value) {
        for (QueueKind kind : values()) {
            if (kind.apiName().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
