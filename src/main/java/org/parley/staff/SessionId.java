package org.parley.staff;

import org.parley.store.Ids;

/**
 * A staff session's id, e.g. {@code ss_01hx3k9q2v8m4t7wa}. It names a session (for listing or ending
 * it) but grants nothing: the cookie carries a separate secret token, of which only a digest is stored.
 */
public record SessionId(String value) {

    public SessionId {
        if (!Ids.looksLike("ss", value)) {
            throw new IllegalArgumentException("not a staff session id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
