package org.parley.logins;

import com.nimbusds.jwt.JWTClaimsSet;
import io.helidon.webserver.http.HttpService;
import java.text.ParseException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.http.ParleyException;
import org.parley.identity.Badge;
import org.parley.identity.Identity;
import org.parley.identity.Login;
import org.parley.identity.SignedIn;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.Ids;
import org.parley.store.SharedCache;

/**
 * The sign-in feature's door: each site's ways of signing in, and signing a reader in by one of them (passkeys: see
 * {@link Passkeys}). Settings are
 * kept in memory (the widget asks for them on every page) and dropped on every node when an admin changes them.
 * Thread-safe.
 */
public final class Logins {

    /** The provider name accounts made by the newsroom's own login carry. */
    static final String SSO = "sso";

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final Identity identity;
    private final LoginRepository repository = new LoginRepository();
    private final SharedCache<Optional<LoginSettings>> settings;
    private final SsoTokens ssoTokens;
    private final Passkeys passkeys;

    private Logins(Database db, Clock clock, Sites sites, Identity identity) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.identity = identity;
        this.settings = db.caches().cache("sign-in-settings", 10_000, (h, site) -> repository.find(h, new SiteId(site)));
        this.ssoTokens = new SsoTokens(clock);
        this.passkeys = new Passkeys(db, clock, sites, identity, site -> settings(site).passkeys());
    }

    public static Logins create(Database db, Clock clock, Sites sites, Identity identity) {
        return new Logins(db, clock, sites, identity);
    }

    /** How readers of {@code site} may sign in; guests only until an admin says otherwise. */
    public LoginSettings settings(SiteId site) {
        return settings.get(site.value()).orElseGet(() -> LoginSettings.none(site.value()));
    }

    /** Replaces how readers of {@code site} may sign in; sessions already open stay open. */
    public void save(SiteId site, LoginSettings changed) {
        db.write(h -> {
            repository.save(h, site, changed, clock.instant());
            settings.changed(site.value());
            return null;
        });
    }

    /**
     * Signs in the reader a JWT from the newsroom's own login names (its {@code sub}), with the name, email and badges
     * its claims give. A token signs in once. 401 problems for a token that is malformed, unsigned, wrongly signed,
     * expired, made for another audience or already used; 403 when the site does not take SSO.
     */
    public SignedIn signInWithSso(SiteId site, String token) {
        sites.require(site.value());
        LoginSettings current = settings(site);
        if (!current.sso()) {
            throw new ParleyException.Forbidden(LoginProblem.SIGN_IN_METHOD_OFF,
                    "Site '" + site + "' does not take sign-in tokens from a newsroom login.");
        }
        JWTClaimsSet claims = ssoTokens.verify(token, current);
        boolean first = db.write(h -> repository.firstUse(h, Ids.digest(token.strip()), claims.getExpirationTime().toInstant()));
        if (!first) {
            throw new ParleyException.Forbidden(LoginProblem.SSO_TOKEN_REPLAYED,
                    "This sign-in token was used already; the page must hand the widget a fresh one for each sign-in.");
        }
        return identity.signIn(site, login(claims));
    }

    /**
     * Forgets SSO tokens and passkey challenges that have expired: a replay of either is refused as expired anyway.
     * Returns how many were forgotten.
     */
    public int forgetExpiredTokens() {
        return db.write(h -> repository.forgetExpiredUses(h, clock.instant().minus(SsoTokens.CLOCK_SKEW)))
                + passkeys.forgetExpiredChallenges();
    }

    private static Login login(JWTClaimsSet claims) {
        Optional<String> name = firstString(claims, "name", "nickname", "preferred_username");
        Optional<String> email = firstString(claims, "email");
        boolean verified = Boolean.TRUE.equals(claims.getClaim("email_verified"));
        Set<Badge> badges = EnumSet.noneOf(Badge.class);
        for (String claim : List.of("roles", "badges")) {
            roles(claims, claim).forEach(role -> Badge.fromWire(role).ifPresent(badges::add));
        }
        return new Login(SSO, claims.getSubject(), name, email, verified && email.isPresent(), badges, true);
    }

    private static Optional<String> firstString(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            if (claims.getClaim(name) instanceof String value && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static List<String> roles(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value instanceof String single) {
            return List.of(single.split("[ ,]+"));
        }
        try {
            List<String> list = claims.getStringListClaim(name);
            return list == null ? List.of() : list;
        } catch (ParseException e) {
            return List.of(); // not a list of strings: no badges from it
        }
    }

    /** Routes for signing in, to mount under {@code /api/v1}. */
    public HttpService routes() {
        return new LoginRoutes(this, sites, identity);
    }

    /** Routes for passkeys ({@code /sites/{site}/sign-in/passkey/…}), to mount under {@code /api/v1} beside {@link #routes()}. */
    public HttpService passkeyRoutes() {
        return new PasskeyRoutes(passkeys, sites, identity);
    }
}
