package org.parley.identity;

import org.parley.store.Ids;

/** A guest commenter's public id, e.g. {@code g_01hx3k9q2v8m4t7wa}. Safe to show: it grants nothing. */
public record GuestId(String value) {

    public GuestId {
        if (!Ids.looksLike("g", value)) {
            throw new IllegalArgumentException("not a guest id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
