package org.parley.staff;

import java.time.Instant;

/**
 * A signed-in staff member's session. Every form that changes state carries {@code csrfToken} as the
 * hidden field {@code csrf}, and the handler checks it with {@link Staff#requireCsrf}. The session ends
 * at {@code expiresAt} at the latest, earlier when idle for the configured timeout or on logout.
 */
public record Session(SessionId id, StaffUser user, String csrfToken, Instant createdAt, Instant expiresAt) {

    /** Leaves the CSRF token out, so a session can be logged. */
    @Override
    public String toString() {
        return "Session[" + id + ", " + user.username() + ", until " + expiresAt + "]";
    }
}
