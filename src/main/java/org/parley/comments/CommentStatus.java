package org.parley.comments;

import java.util.Locale;

/**
 * Where a comment stands, as the reader asking sees it. A removed or deleted comment with replies stays
 * as a placeholder so the replies keep their place. {@link #BLOCKED} is never stored: it is how a
 * comment looks to a reader who blocked its author when replies hang from it.
 */
public enum CommentStatus {
    PUBLISHED,
    /** Held for a moderator; only its author sees it. */
    PENDING,
    /** Rejected by moderation; only its author sees it (with the moderators' note), others see a placeholder. */
    REJECTED,
    DELETED,
    BLOCKED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CommentStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
