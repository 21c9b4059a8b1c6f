package org.parley.sites;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.parley.http.ParleyException;
import org.parley.store.Database;
import org.parley.store.Ids;
import org.parley.store.SharedCache;

/**
 * The sites feature's door: the publications that embed Parley, their allowed origins, settings and API
 * secrets. Sites are kept in memory because every API request asks about its site; a change is seen at
 * once on the node that made it and within about a second on the others ({@link org.parley.store.Caches}).
 * Thread-safe.
 */
public final class Sites {

    /** Sites kept in memory; unknown ids asked for are remembered too, so the bound also caps a flood of them. */
    private static final int MAX_CACHED = 10_000;

    private final Database db;
    private final Clock clock;
    private final SiteRepository repository = new SiteRepository();
    private final SharedCache<Optional<Site>> cache;

    private Sites(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.cache = db.caches().cache("sites", MAX_CACHED, (h, id) -> repository.find(h, new SiteId(id)));
    }

    public static Sites create(Database db, Clock clock) {
        return new Sites(db, clock);
    }

    /** The site with this id, if it exists. */
    public Optional<Site> find(SiteId id) {
        return cache.get(id.value());
    }

    /** The site named in a request path; a malformed or unknown id is a 404 problem naming it. */
    public Site require(String rawId) {
        if (!SiteId.isValid(rawId)) {
            throw unknown(rawId);
        }
        return find(new SiteId(rawId)).orElseThrow(() -> unknown(rawId));
    }

    /** Every site, ordered by id. */
    public List<Site> all() {
        return db.read(repository::all);
    }

    /**
     * Creates the site, or updates its name, origins and settings if it exists (its secret is kept).
     * The secret is returned only on creation.
     */
    public SavedSite save(NewSite site) {
        return db.write(h -> {
            cache.changed(site.id().value());
            if (repository.find(h, site.id()).isPresent()) {
                repository.update(h, site);
                return new SavedSite(repository.find(h, site.id()).orElseThrow(), Optional.empty());
            }
            String secret = db.ids().secret();
            repository.insert(h, site, Ids.digest(secret), clock.instant());
            return new SavedSite(repository.find(h, site.id()).orElseThrow(), Optional.of(secret));
        });
    }

    /** Replaces the site's API secret; the old one stops working at once. */
    public String rotateSecret(SiteId id) {
        String secret = db.ids().secret();
        db.write(h -> {
            if (repository.find(h, id).isEmpty()) {
                throw unknown(id.value());
            }
            repository.updateSecret(h, id, Ids.digest(secret));
            return null;
        });
        return secret;
    }

    /** Succeeds only when {@code secret} is the site's current API secret (constant-time comparison). */
    public void requireSecret(Site site, Optional<String> secret) {
        String stored = db.read(h -> repository.secretHash(h, site.id())).orElse("");
        boolean ok = secret.isPresent() && MessageDigest.isEqual(
                stored.getBytes(StandardCharsets.US_ASCII), Ids.digest(secret.get()).getBytes(StandardCharsets.US_ASCII));
        if (!ok) {
            throw new ParleyException.Forbidden(SiteProblem.INVALID_SITE_SECRET,
                    "Send the API secret of site '" + site.id() + "' as 'Authorization: Bearer <secret>'.");
        }
    }

    private static ParleyException unknown(String rawId) {
        return new ParleyException.NotFound(SiteProblem.UNKNOWN_SITE, "There is no site '" + rawId + "'.");
    }
}
