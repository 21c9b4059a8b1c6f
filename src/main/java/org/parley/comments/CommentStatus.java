package org.parley.comments;

import java.util.Locale;

/** Where a comment stands. A deleted comment with replies stays as a placeholder so replies keep their place. */
public enum CommentStatus {
    PUBLISHED,
    DELETED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CommentStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
