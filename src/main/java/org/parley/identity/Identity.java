package org.parley.identity;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.Ids;

/**
 * The identity feature's door: who is making a request. For now that is a guest, identified by a bearer
 * token the widget keeps; moderator accounts and single sign-on will join here. Thread-safe.
 */
public final class Identity {

    private static final int MAX_CACHED_TOKENS = 100_000;

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final GuestRepository repository = new GuestRepository();
    private final BlockRepository blocks = new BlockRepository();
    private final Map<String, GuestId> tokenCache = new ConcurrentHashMap<>();
    private final Map<GuestId, Set<GuestId>> blockedCache = new ConcurrentHashMap<>();

    private Identity(Database db, Clock clock, Sites sites) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
    }

    public static Identity create(Database db, Clock clock, Sites sites) {
        return new Identity(db, clock, sites);
    }

    /** Creates a guest and returns its id with the token that authenticates it (shown only now). */
    public NewGuest createGuest() {
        var now = clock.instant();
        GuestId id = new GuestId(db.ids().next("g", now.toEpochMilli()));
        String token = db.ids().secret();
        db.write(h -> {
            repository.insert(h, id, Ids.digest(token), now);
            return null;
        });
        return new NewGuest(id, token);
    }

    /** The guest a token belongs to, if any. Lookups are cached; tokens never change owner. */
    public Optional<GuestId> authenticate(String token) {
        String hash = Ids.digest(token);
        GuestId cached = tokenCache.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<GuestId> found = db.read(h -> repository.byTokenHash(h, hash));
        found.ifPresent(id -> {
            if (tokenCache.size() >= MAX_CACHED_TOKENS) {
                tokenCache.clear();
            }
            tokenCache.put(hash, id);
        });
        return found;
    }

    /** The guest behind a request's bearer token; 401 problems when it is missing or unknown. */
    public GuestId requireGuest(Optional<String> bearer) {
        String token = bearer.orElseThrow(() -> new ParleyException.Forbidden(RequestProblem.AUTHENTICATION_REQUIRED,
                "Send the guest token from POST /api/v1/sites/{site}/guests as 'Authorization: Bearer <token>'."));
        return authenticate(token).orElseThrow(() -> new ParleyException.Forbidden(IdentityProblem.UNKNOWN_GUEST_TOKEN,
                "This guest token is not known here; create a new guest with POST /api/v1/sites/{site}/guests."));
    }

    /**
     * {@code blocker} never wants to see {@code blocked}'s comments again. Idempotent; the blocked
     * reader is never told. {@code name} is how they appeared, for the block list; {@code site} is
     * where it happened, for moderation's block signal.
     */
    public void block(GuestId blocker, GuestId blocked, Optional<String> name, SiteId site) {
        if (blocker.equals(blocked)) {
            throw new ParleyException.Conflict(IdentityProblem.SELF_BLOCK, "You cannot block yourself.");
        }
        Instant now = clock.instant();
        db.write(h -> blocks.insert(h, blocker, blocked, name, site, now));
        db.afterCommit(() -> blockedCache.remove(blocker));
    }

    /** Takes {@code blocked} off {@code blocker}'s block list; true if they were on it. */
    public boolean unblock(GuestId blocker, GuestId blocked) {
        boolean removed = db.write(h -> blocks.delete(h, blocker, blocked));
        db.afterCommit(() -> blockedCache.remove(blocker));
        return removed;
    }

    /** A reader's block list, most recent first. */
    public List<Block> blockList(GuestId blocker) {
        return db.read(h -> blocks.byBlocker(h, blocker));
    }

    /** Whom a reader has blocked; cached, as every thread read of a reader with blocks asks. */
    public Set<GuestId> blocked(GuestId blocker) {
        Set<GuestId> cached = blockedCache.get(blocker);
        if (cached != null) {
            return cached;
        }
        Set<GuestId> loaded = Set.copyOf(blockList(blocker).stream().map(Block::blocked).toList());
        if (blockedCache.size() >= MAX_CACHED_TOKENS) {
            blockedCache.clear();
        }
        blockedCache.put(blocker, loaded);
        return loaded;
    }

    /** How many distinct readers blocked {@code blocked} on {@code site} since {@code since}. Never who. */
    public int blockersSince(GuestId blocked, SiteId site, Instant since) {
        return db.read(h -> blocks.blockersSince(h, blocked, site, since));
    }

    /** Routes for guests, to mount under {@code /api/v1}. */
    public HttpService routes() {
        return new IdentityRoutes(this, sites);
    }
}
