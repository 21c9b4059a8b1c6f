package org.parley.moderation;

import java.util.Locale;
import java.util.Optional;

/**
 * What a site does with comments not written in English, the only language the abuse model learned:
 * its score on them is unreliable either way (an insult in German can score low, a greeting in Turkish
 * high), so by default the site's word lists decide instead.
 */
public enum OtherLanguages {
    /** Trust the abuse model's score as for English (a site that accepts the risk). */
    SCORE,
    /**
     * The default: the score is shown to moderators but not acted on; a suspect term of the word lists
     * holds the comment for review instead of only flagging it (a banned term rejects it, as always).
     */
    WORDS,
    /** Every comment not in English waits for a moderator. */
    HOLD;

    /** The API and form name, e.g. {@code words}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OtherLanguages> parse(String value) {
        for (OtherLanguages rule : values()) {
            if (rule.apiName().equals(value)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
