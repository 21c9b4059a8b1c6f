package org.parley.moderation;

import java.util.Locale;
import java.util.Optional;

/** Which comments wait for a moderator before anyone sees them. */
public enum Premoderation {
    /** None: everything not refused is published (flagged ones still reach the flagged queue). */
    OFF,
    ALL,
    /** Comments of commenters with fewer approved comments on the site than the rules ask. */
    NEW_COMMENTERS,
    /** Comments that contain links. */
    LINKS,
    /** Comments any signal flagged. */
    FLAGGED;

    /** The API and form name, e.g. {@code new-commenters}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Premoderation> parse(String value) {
        for (Premoderation mode : values()) {
            if (mode.apiName().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
