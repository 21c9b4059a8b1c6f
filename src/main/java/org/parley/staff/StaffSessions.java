package org.parley.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.store.Database;
import org.parley.store.Ids;

/**
 * Staff sessions: stored (so they survive a restart and are shared by every node), looked up by the
 * SHA-256 digest of the cookie's token, and cached for {@link #CACHE_TTL} because every dashboard request
 * asks. A session ends when idle for the configured timeout (sliding: each use moves it, written back at
 * most once per {@link #TOUCH_INTERVAL}), at its absolute lifetime, on logout, or when its user is disabled.
 * Ending one here is seen at once by this process and within {@link #CACHE_TTL} by other nodes.
 * Thread-safe.
 */
final class StaffSessions {

    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;
    private static final int TOKEN_LENGTH = 43;

    /** A session just started and the token for its cookie, which exists nowhere else. */
    record Started(Session session, String token) {
    }

    private record Cached(Session session, Instant lastSeenAt, Instant loadedAt) {
    }

    private final Database db;
    private final Clock clock;
    private final StaffConfig config;
    private final StaffRepository repository;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    StaffSessions(Database db, Clock clock, StaffConfig config, StaffRepository repository) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.repository = repository;
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
        Cached cached = cache.get(hash);
        if (cached == null || !now.isBefore(cached.loadedAt().plus(CACHE_TTL))) {
            cached = load(hash, now).orElse(null);
            if (cached == null) {
                cache.remove(hash);
                return Optional.empty();
            }
        }
        if (!now.isBefore(cached.session().expiresAt()) || !now.isBefore(cached.lastSeenAt().plus(config.sessionIdleTimeout()))) {
            end(cached.session().id());
            return Optional.empty();
        }
        if (!now.isBefore(cached.lastSeenAt().plus(TOUCH_INTERVAL))) {
            SessionId id = cached.session().id();
            db.write(h -> {
                repository.touchSession(h, id, now);
                return null;
            });
            cached = new Cached(cached.session(), now, cached.loadedAt());
        }
        remember(hash, cached);
        return Optional.of(cached.session());
    }

    /** Ends one session. */
    void end(SessionId id) {
        db.write(h -> {
            repository.deleteSession(h, id);
            return null;
        });
        cache.values().removeIf(cached -> cached.session().id().equals(id));
    }

    /** Forgets the cached sessions of a user whose stored sessions were just deleted. */
    void forget(StaffId user) {
        cache.values().removeIf(cached -> cached.session().user().id().equals(user));
    }

    private Optional<Cached> load(String hash, Instant now) {
        return db.read(h -> repository.sessionByTokenHash(h, hash).flatMap(row -> repository.user(h, row.userId())
                .map(user -> new Cached(new Session(row.id(), user, row.csrfToken(), row.createdAt(), row.expiresAt()),
                        row.lastSeenAt(), now))));
    }

    private void remember(String hash, Cached cached) {
        if (cache.size() >= MAX_CACHED && !cache.containsKey(hash)) {
            cache.clear();
        }
        cache.put(hash, cached);
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
