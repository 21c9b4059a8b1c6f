package org.parley.identity;

import org.parley.store.Ids;

/**
 * A reader's public id: a guest's ({@code g_01hx3k9q2v8m4t7wa}), a signed-in account's ({@code a_…}), or, for what a
 * reader left behind when they deleted their data, a departed reader's ({@code x_…}) that links to no one. Every
 * act of a reader (comments, votes, blocks, sanctions, allowances) is keyed by it, so an account is moderated
 * like a guest. Safe to show: it grants nothing.
 */
public record ReaderId(String value) {

    public ReaderId {
        if (!Ids.looksLike("g", value) && !Ids.looksLike("a", value) && !Ids.looksLike("x", value)) {
            throw new IllegalArgumentException("not a reader id: " + value);
        }
    }

    /** True for a guest's id. */
    public boolean isGuest() {
        return value.startsWith("g_");
    }

    /** True for a signed-in account's id. */
    public boolean isAccount() {
        return value.startsWith("a_");
    }

    /** True for the id left in place of a reader who deleted their data. */
    public boolean departed() {
        return value.startsWith("x_");
    }

    @Override
    public String toString() {
        return value;
    }
}
