package org.parley.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.store.Database;
import org.parley.store.Ids;
import org.parley.store.SharedCache;

/**
 * Staff sessions: stored (so they survive a restart and are shared by every node), looked up by the
 * SHA-256 digest of the cookie's token, and kept in memory because every dashboard request asks. A
 * session ends when idle for the configured timeout (sliding: each use moves it, written back at most once
 * per {@link #TOUCH_INTERVAL}), at its absolute lifetime, on logout, or when its user is disabled. Ending
 * one is seen at once on this node and within about a second on others ({@link org.parley.store.Caches}).
 * Thread-safe.
 */
final class StaffSessions {

    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;
    private static final int TOKEN_LENGTH = 43;

    /** A session just started and the token for its cookie, which exists nowhere else. */
    record Started(Session session, String token) {
    }

    private record Cached(Session session, Instant lastSeenAt) {
    }

    private final Database db;
    private final Clock clock;
    private final StaffConfig config;
    private final StaffRepository repository;
    /** By token digest; empty for a token that names no live session. */
    private final SharedCache<Optional<Cached>> cache;

    StaffSessions(Database db, Clock clock, StaffConfig config, StaffRepository repository) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.repository = repository;
        this.cache = db.caches().cache("staff-sessions", MAX_CACHED, this::load);
    }

    /** Starts a session for {@code user}, clearing out expired ones while at it. */
    Started start(StaffUser user) {
        Instant now = clock.instant();
        String token = db.ids().secret();
        var row = new StaffRepository.SessionRow(new SessionId(db.ids().next("ss", now.toEpochMilli())), user.id(),
                db.ids().secret(), now, now, now.plus(config.sessionLifetime()));
        db.write(h -> {
            repository.deleteExpiredSessions(h, now, now.minus(config.sessionIdleTimeout()));
            repository.insertSession(h, row, Ids.digest(token));
            return null;
        });
        return new Started(new Session(row.id(), user, row.csrfToken(), row.createdAt(), row.expiresAt()), token);
    }

    /** The live session a cookie token stands for; empty when unknown, expired or its user disabled. */
    Optional<Session> find(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        String hash = Ids.digest(token);
        Instant now = clock.instant();
        Optional<Cached> found = cache.get(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Cached cached = found.get();
        if (!now.isBefore(cached.session().expiresAt()) || !now.isBefore(cached.lastSeenAt().plus(config.sessionIdleTimeout()))) {
            end(cached.session().id());
            return Optional.empty();
        }
        if (!now.isBefore(cached.lastSeenAt().plus(TOUCH_INTERVAL))) {
            db.write(h -> {
                repository.touchSession(h, cached.session().id(), now);
                cache.changed(hash);
                return null;
            });
        }
        return Optional.of(cached.session());
    }

    /** Ends one session. */
    void end(SessionId id) {
        db.write(h -> {
            repository.sessionTokenHash(h, id).ifPresent(cache::changed);
            repository.deleteSession(h, id);
            return null;
        });
    }

    /** Drops the sessions of a user whose account changes (disabled), inside the transaction that changes it. */
    void userChanges(Handle h, StaffId user) {
        repository.sessionTokenHashes(h, user).forEach(cache::changed);
    }

    private Optional<Cached> load(Handle h, String hash) {
        return repository.sessionByTokenHash(h, hash).flatMap(row -> repository.user(h, row.userId())
                .map(user -> new Cached(new Session(row.id(), user, row.csrfToken(), row.createdAt(), row.expiresAt()),
                        row.lastSeenAt())));
    }

    /** Tokens are 32 random bytes in unpadded URL-safe base64; anything else is not worth a query. */
    private static boolean wellFormed(String token) {
        if (token.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
