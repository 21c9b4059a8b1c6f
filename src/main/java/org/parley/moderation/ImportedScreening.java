package org.parley.moderation;

import java.util.Locale;
import java.util.Optional;

/**
 * What screening may do to comments brought in by an import, which readers have seen for years in the system they
 * came from: the same signals as a new comment judge them, in the background, after the import.
 */
public enum ImportedScreening {
    /** The default: a comment a signal objects to stays as it was and joins the flagged queue with the reasons. */
    FLAG,
    /**
     * What would hold a new comment (the site's hold line, a banned term) takes an imported one out of public view
     * until a moderator decides; screening never rejects an imported comment by itself.
     */
    HOLD;

    /** The stored and form name, e.g. {@code flag}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportedScreening> parse(String value) {
        for (ImportedScreening rule : values()) {
            if (rule.apiName().equals(value)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
