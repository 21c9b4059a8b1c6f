package org.parley.identity;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
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
    private final Map<String, GuestId> tokenCache = new ConcurrentHashMap<>();

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

    /** Routes for guests, to mount under {@code /api/v1}. */
    public HttpService routes() {
        return new IdentityRoutes(this, sites);
    }
}
