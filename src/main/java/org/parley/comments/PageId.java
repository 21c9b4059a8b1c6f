package org.parley.comments;

import org.parley.store.Ids;

/** Parley's internal id of a page (thread), e.g. {@code p_01hx3k9q2v8m4t7wa}; sites use {@link PageKey}. */
public record PageId(String value) {

    public PageId {
        if (!Ids.looksLike("p", value)) {
            throw new IllegalArgumentException("not a page id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
