package org.parley.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code staff_users}, {@code staff_scopes} and {@code staff_sessions} tables. */
final class StaffRepository {

    /** What sign-in needs to know about a username. */
    record Credentials(StaffUser user, String passwordHash, boolean disabled) {
    }

    /** A stored session, before its user is attached. */
    record SessionRow(SessionId id, StaffId userId, String csrfToken, Instant createdAt, Instant lastSeenAt,
                      Instant expiresAt) {
    }

    private record UserRow(StaffId id, String username, Role role, String passwordHash, Instant createdAt,
                           boolean disabled) {
    }

    private static final String USER_COLUMNS = "id, username, role, password_hash, created_at, disabled_at";

    /** Inserts the user unless the username is taken; false when it was. */
    boolean insertUser(Handle h, StaffId id, NewStaffUser user, String passwordHash, Instant now) {
        int inserted = h.createUpdate("""
                        INSERT INTO staff_users (id, username, role, password_hash, created_at)
                        VALUES (:id, :username, :role, :hash, :now)
                        ON CONFLICT (username) DO NOTHING""")
                .bind("id", id.value())
                .bind("username", user.username())
                .bind("role", user.role().text())
                .bind("hash", passwordHash)
                .bind("now", now.toEpochMilli())
                .execute();
        if (inserted == 0) {
            return false;
        }
        for (Scope scope : user.scopes()) {
            h.createUpdate("INSERT INTO staff_scopes (user_id, site_id, section) VALUES (:user, :site, :section)")
                    .bind("user", id.value())
                    .bind("site", scope.site().value())
                    .bind("section", scope.section())
                    .execute();
        }
        return true;
    }

    Optional<Credentials> credentials(Handle h, String username) {
        return h.createQuery("SELECT " + USER_COLUMNS + " FROM staff_users WHERE username = :username")
                .bind("username", username)
                .map((rs, ctx) -> userRow(rs))
                .findOne()
                .map(row -> new Credentials(user(h, row), row.passwordHash(), row.disabled()));
    }

    Optional<StaffUser> user(Handle h, StaffId id) {
        return h.createQuery("SELECT " + USER_COLUMNS + " FROM staff_users WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> userRow(rs))
                .findOne()
                .map(row -> user(h, row));
    }

    List<StaffAccount> accounts(Handle h) {
        return h.createQuery("SELECT " + USER_COLUMNS + " FROM staff_users ORDER BY username")
                .map((rs, ctx) -> userRow(rs))
                .list()
                .stream()
                .map(row -> new StaffAccount(user(h, row), row.createdAt(), row.disabled()))
                .toList();
    }

    void updatePasswordHash(Handle h, StaffId id, String passwordHash) {
        h.createUpdate("UPDATE staff_users SET password_hash = :hash WHERE id = :id")
                .bind("id", id.value())
                .bind("hash", passwordHash)
                .execute();
    }

    /** Marks the user disabled (keeping the first time it was) and deletes their sessions. */
    void disable(Handle h, StaffId id, Instant now) {
        h.createUpdate("UPDATE staff_users SET disabled_at = COALESCE(disabled_at, :now) WHERE id = :id")
                .bind("id", id.value())
                .bind("now", now.toEpochMilli())
                .execute();
        h.createUpdate("DELETE FROM staff_sessions WHERE user_id = :id")
                .bind("id", id.value())
                .execute();
    }

    void insertSession(Handle h, SessionRow session, String tokenHash) {
        h.createUpdate("""
                        INSERT INTO staff_sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                        VALUES (:id, :hash, :user, :csrf, :created, :seen, :expires)""")
                .bind("id", session.id().value())
                .bind("hash", tokenHash)
                .bind("user", session.userId().value())
                .bind("csrf", session.csrfToken())
                .bind("created", session.createdAt().toEpochMilli())
                .bind("seen", session.lastSeenAt().toEpochMilli())
                .bind("expires", session.expiresAt().toEpochMilli())
                .execute();
    }

    /** The session behind a token digest, unless its user has been disabled. */
    Optional<SessionRow> sessionByTokenHash(Handle h, String tokenHash) {
        return h.createQuery("""
                        SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at
                        FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
                        WHERE s.token_hash = :hash AND u.disabled_at IS NULL""")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new SessionRow(new SessionId(rs.getString("id")), new StaffId(rs.getString("user_id")),
                        rs.getString("csrf_token"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("last_seen_at")), Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne();
    }

    void touchSession(Handle h, SessionId id, Instant now) {
        h.createUpdate("UPDATE staff_sessions SET last_seen_at = :now WHERE id = :id AND last_seen_at < :now")
                .bind("id", id.value())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** The token digests of a user's stored sessions. */
    List<String> sessionTokenHashes(Handle h, StaffId user) {
        return h.createQuery("SELECT token_hash FROM staff_sessions WHERE user_id = :user")
                .bind("user", user.value())
                .mapTo(String.class)
                .list();
    }

    Optional<String> sessionTokenHash(Handle h, SessionId id) {
        return h.createQuery("SELECT token_hash FROM staff_sessions WHERE id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne();
    }

    void deleteSession(Handle h, SessionId id) {
        h.createUpdate("DELETE FROM staff_sessions WHERE id = :id")
                .bind("id", id.value())
                .execute();
    }

    /** Deletes sessions past their lifetime or idle since before {@code idleSince}; returns how many. */
    int deleteExpiredSessions(Handle h, Instant now, Instant idleSince) {
        return h.createUpdate("DELETE FROM staff_sessions WHERE expires_at <= :now OR last_seen_at <= :idleSince")
                .bind("now", now.toEpochMilli())
                .bind("idleSince", idleSince.toEpochMilli())
                .execute();
    }

    private static StaffUser user(Handle h, UserRow row) {
        List<Scope> scopes = h.createQuery("SELECT site_id, section FROM staff_scopes WHERE user_id = :id ORDER BY site_id, section")
                .bind("id", row.id().value())
                .map((rs, ctx) -> new Scope(new SiteId(rs.getString("site_id")), rs.getString("section")))
                .list();
        return new StaffUser(row.id(), row.username(), row.role(), scopes);
    }

    private static UserRow userRow(ResultSet rs) throws SQLException {
        rs.getLong("disabled_at");
        boolean disabled = !rs.wasNull();
        return new UserRow(new StaffId(rs.getString("id")), rs.getString("username"), Role.of(rs.getString("role")),
                rs.getString("password_hash"), Instant.ofEpochMilli(rs.getLong("created_at")), disabled);
    }

    /** Sets (or, empty, clears) where the user gets alerts; false when there is no such user. */
    boolean setEmail(Handle h, String username, Optional<String> email) {
        return h.createUpdate("UPDATE staff_users SET email = :email WHERE username = :username")
                .bind("email", email.orElse(null))
                .bind("username", username)
                .execute() == 1;
    }

    /** Enabled users with an alert address, each with it. */
    List<Map.Entry<StaffUser, String>> withEmail(Handle h) {
        List<Map.Entry<StaffAccount, String>> found = new ArrayList<>();
        for (StaffAccount account : accounts(h)) {
            h.createQuery("SELECT email FROM staff_users WHERE id = :id AND email IS NOT NULL AND disabled_at IS NULL")
                    .bind("id", account.user().id().value())
                    .mapTo(String.class)
                    .findOne()
                    .ifPresent(email -> found.add(Map.entry(account, email)));
        }
        return found.stream().map(e -> Map.entry(e.getKey().user(), e.getValue())).toList();
    }
}
