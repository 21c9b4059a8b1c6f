package org.parley.moderation;

import java.util.Locale;

/** What a moderator can do to a commenter on a site. */
public enum SanctionKind {
    /** No more comments on the site until lifted. */
    BAN,
    /** No comments until a set time. */
    SUSPENSION,
    /** A message the commenter sees; no restriction. */
    WARNING;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SanctionKind fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
