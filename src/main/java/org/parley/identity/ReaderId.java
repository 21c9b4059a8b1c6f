package org.parley.identity;

import org.parley.store.Ids;

/**
 * A reader's public id: a guest's ({@code g_01hx3k9q2v8m4t7wa}) or a signed-in account's ({@code a_…}). Every
 * act of a reader (comments, votes, blocks, sanctions, allowances) is keyed by it, so an account is moderated
 * like a guest. Safe to show: it grants nothing.
 */
public record ReaderId(String value) {

    public ReaderId {
        if (!Ids.looksLike("g", value) && !Ids.looksLike("a", value)) {
            throw new IllegalArgumentException("not a reader id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
