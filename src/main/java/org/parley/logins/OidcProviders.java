package org.parley.logins;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.parley.http.ParleyException;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.SharedCache;

/**
 * Each site's OpenID providers, kept in memory (the widget lists them on every article page) and dropped on every
 * node when an admin adds or removes one. Thread-safe.
 */
final class OidcProviders {

    private final Database db;
    private final Clock clock;
    private final OidcRepository repository;
    private final SharedCache<List<OidcProvider>> cache;

    OidcProviders(Database db, Clock clock, OidcRepository repository) {
        this.db = db;
        this.clock = clock;
        this.repository = repository;
        this.cache = db.caches().cache("oidc-providers", 10_000, (h, site) -> List.copyOf(repository.providers(h, new SiteId(site))));
    }

    List<OidcProvider> of(SiteId site) {
        return cache.get(site.value());
    }

    Optional<OidcProvider> find(SiteId site, String id) {
        return of(site).stream().filter(provider -> provider.id().equals(id)).findFirst();
    }

    /** The provider {@code id} of {@code site}; a 404 problem naming it when there is none. */
    OidcProvider require(SiteId site, String id) {
        return find(site, id).orElseThrow(() -> new ParleyException.NotFound(LoginProblem.OIDC_PROVIDER_UNKNOWN,
                "Site '" + site + "' has no sign-in provider '" + OidcFlow.printable(id) + "'."));
    }

    void add(SiteId site, OidcProvider provider) {
        db.write(h -> {
            if (!repository.insert(h, site, provider, clock.instant())) {
                throw new ParleyException.Conflict(LoginProblem.OIDC_PROVIDER_EXISTS,
                        "Site '" + site + "' already has a sign-in provider '" + provider.id() + "'; remove it first, or choose another id.");
            }
            cache.changed(site.value());
            return null;
        });
    }

    boolean remove(SiteId site, String id) {
        return db.write(h -> {
            cache.changed(site.value());
            return repository.delete(h, site, id);
        });
    }
}
