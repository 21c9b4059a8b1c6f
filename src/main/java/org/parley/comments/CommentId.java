package org.parley.comments;

import org.parley.store.Ids;

/** A comment's opaque id, e.g. {@code c_01hx3k9q2v8m4t7wa}. */
public record CommentId(String value) {

    public CommentId {
        if (!Ids.looksLike("c", value)) {
            throw new IllegalArgumentException("not a comment id: " + value);
        }
    }

    /** True when {@code value} has the shape of a comment id. */
    public static boolean isValid(String value) {
        return Ids.looksLike("c", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
