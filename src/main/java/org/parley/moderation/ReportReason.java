package org.parley.moderation;

import java.util.Locale;
import java.util.Optional;

/** Why a reader reports a comment. */
public enum ReportReason {
    ABUSE, HATE, SPAM, OFF_TOPIC, MISINFORMATION, OTHER;

    /** The API name, e.g. {@code off-topic}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ReportReason> parse(String value) {
        for (ReportReason reason : values()) {
            if (reason.apiName().equals(value)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
