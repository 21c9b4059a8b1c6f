package org.parley.logins;

import com.nimbusds.jwt.JWTClaimsSet;
import io.helidon.webserver.http.HttpService;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.http.ParleyException;
import org.parley.identity.Badge;
import org.parley.identity.Identity;
import org.parley.identity.Login;
import org.parley.identity.ReaderId;
import org.parley.identity.SignedIn;
import org.parley.mail.Mail;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.Ids;
import org.parley.store.SharedCache;

/**
 * The sign-in feature's door: each site's ways of signing in, and signing a reader in by one of them: the newsroom's
 * own login (a JWT), an OpenID Connect provider the site configured, an email link, or a passkey (see {@link Passkeys}).
 * Settings and providers are kept in memory (the widget asks for them on every page) and dropped on every node when
 * an admin changes them. Thread-safe.
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
    private final EmailLinks emailLinks;
    private final OidcProviders oidcProviders;
    private final OidcFlow oidc;
    private final Passkeys passkeys;

    private Logins(Database db, Clock clock, Sites sites, Identity identity, Optional<Mail> mail, String publicUrl) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.identity = identity;
        this.settings = db.caches().cache("sign-in-settings", 10_000, (h, site) -> repository.find(h, new SiteId(site)));
        this.ssoTokens = new SsoTokens(clock);
        this.emailLinks = new EmailLinks(db, clock, identity, mail);
        OidcRepository oidcRepository = new OidcRepository();
        this.oidcProviders = new OidcProviders(db, clock, oidcRepository);
        this.oidc = new OidcFlow(db, clock, sites, publicUrl, oidcProviders, oidcRepository);
        this.passkeys = new Passkeys(db, clock, sites, identity, site -> settings(site).passkeys());
    }

    /**
     * Sign-in for the sites of {@code sites}, sending sign-in links through {@code mail}; {@code publicUrl} (the
     * server's, without a trailing slash) is where OpenID providers send readers back.
     */
    public static Logins create(Database db, Clock clock, Sites sites, Identity identity, Mail mail, String publicUrl) {
        return new Logins(db, clock, sites, identity, Optional.of(mail), publicUrl);
    }

    /** Sign-in without email, for tools that only read and change settings. */
    public static Logins create(Database db, Clock clock, Sites sites, Identity identity, String publicUrl) {
        return new Logins(db, clock, sites, identity, Optional.empty(), publicUrl);
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
     * expired, made for another audience or already used; 403 when the site does not take SSO. {@code guestToken}, the
     * guest token the browser kept, if any, makes that browser one of the account's traces (see ban evasion).
     */
    public SignedIn signInWithSso(SiteId site, String token, Optional<String> guestToken) {
        sites.require(site.value());
        LoginSettings current = settings(site);
        if (!current.sso()) {
            throw new ParleyException.Forbidden(LoginProblem.SIGN_IN_METHOD_OFF,
                    "Site '" + site + "' does not take sign-in tokens from a newsroom login.");
        }
        JWTClaimsSet claims = ssoTokens.verify(token, current);
        // The signed part names the token: a signature can be written more than one way and still verify.
        String signed = token.strip().substring(0, token.strip().lastIndexOf('.'));
        boolean first = db.write(h -> repository.firstUse(h, Ids.digest(signed), claims.getExpirationTime().toInstant()));
        if (!first) {
            throw new ParleyException.Forbidden(LoginProblem.SSO_TOKEN_REPLAYED,
                    "This sign-in token was used already; the page must hand the widget a fresh one for each sign-in.");
        }
        SignedIn signedIn = identity.signIn(site, login(claims));
        linkBrowser(signedIn, guestToken);
        return signedIn;
    }

    /** Whether readers of {@code site} may ask for a sign-in link: the site allows it and this server sends email. */
    public boolean emailLinksOffered(SiteId site) {
        return settings(site).emailLinks() && emailLinks.available();
    }

    /**
     * Emails {@code email} a link that signs its owner in on {@code returnUrl}, a page of {@code site}; the answer is
     * the same whether or not the address has an account. 400 for a bad address or page, 403 when the site takes no
     * email links, 429 past the limits per address and per network, 503 when this server sends no email.
     */
    public void sendEmailLink(SiteId site, String email, String returnUrl, Optional<String> name, String clientAddress) {
        Site found = sites.require(site.value());
        if (!settings(site).emailLinks()) {
            throw new ParleyException.Forbidden(LoginProblem.SIGN_IN_METHOD_OFF, "Site '" + site + "' does not send sign-in links by email.");
        }
        emailLinks.send(found, email, returnUrl, name, clientAddress);
    }

    /** Signs in the reader a link was sent to (see {@link #sendEmailLink}); 401 for a used, expired or unknown link. */
    public SignedIn signInWithEmailLink(SiteId site, String token, Optional<String> guestToken) {
        SignedIn signedIn = emailLinks.redeem(sites.require(site.value()), token);
        linkBrowser(signedIn, guestToken);
        return signedIn;
    }

    private void linkBrowser(SignedIn signedIn, Optional<String> guestToken) {
        guestToken.flatMap(identity::guestBehind)
                .ifPresent(guest -> identity.signedInFrom(signedIn.account().id(), guest));
    }

    /**
     * Forgets SSO tokens, email links and passkey challenges that have expired (a replay of one is refused as expired
     * anyway) and OpenID sign-ins never finished in time; returns how many rows went.
     */
    public int forgetExpiredTokens() {
        return db.write(h -> repository.forgetExpiredUses(h, clock.instant().minus(SsoTokens.CLOCK_SKEW))) + emailLinks.forgetExpired()
                + oidc.forgetExpired() + passkeys.forgetExpiredChallenges();
    }

    /** The OpenID providers readers of {@code site} may sign in with, in the order they were added (secrets included: not for readers). */
    public List<OidcProvider> oidcProviders(SiteId site) {
        return oidcProviders.of(site);
    }

    /** Lets readers of {@code site} sign in with {@code provider}; a 409 problem when the site has a provider with its id. */
    public void addOidcProvider(SiteId site, OidcProvider provider) {
        sites.require(site.value());
        oidcProviders.add(site, provider);
    }

    /** Stops sign-ins with provider {@code id} (sessions already open stay open); true if the site had it. */
    public boolean removeOidcProvider(SiteId site, String id) {
        return oidcProviders.remove(site, id);
    }

    /** The redirect URI to register at a site's OpenID providers: where they send readers back to Parley. */
    public URI oidcRedirectUri(SiteId site) {
        return oidc.redirectUri(site);
    }

    /**
     * Starts a sign-in with provider {@code providerId} for a reader at {@code clientAddress} on an article page at
     * {@code origin}: returns the provider's authorization URL to send them to. 404 problems for an unknown site or
     * provider; 400 when {@code origin} is not an origin, 403 when the site does not list it; 429 when the reader's
     * network started 30 sign-ins in the last minute (or 300 in the hour); 503 when the provider's discovery document
     * cannot be read.
     */
    public URI startOidcSignIn(SiteId site, String providerId, String origin, String clientAddress) {
        return oidc.start(site, providerId, origin, clientAddress);
    }

    /**
     * Finishes a sign-in when the provider sends the reader back with {@code reply} (the callback's query parameters:
     * {@code state} and {@code code}, or {@code error}): signs in the reader the ID token names (sub, name or
     * preferred_username, email and email_verified), making their account the first time. Each sign-in finishes once.
     * 400 problems for a state that is missing, unknown, used, expired or made for another site; 403 when the provider
     * refused (its {@code error}) or the origin is no longer allowed; 401 when the provider refuses the code or its ID
     * token fails a check (signature, issuer, audience, times, nonce); 503 when the provider cannot be reached.
     */
    public OidcSignIn finishOidcSignIn(SiteId site, Map<String, String> reply) {
        OidcFlow.Finished finished = oidc.finish(site, reply);
        return new OidcSignIn(identity.signIn(site, finished.login()), finished.origin());
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

    /** What this feature holds about {@code reader}, for their own copy: their passkeys (never the keys themselves). */
    public Map<String, Object> readerData(ReaderId reader) {
        return Map.of("passkeys", db.read(h -> new PasskeyRepository().exportOf(h, reader)));
    }

    /** Forgets {@code reader}'s passkeys (they left). */
    public void forgetReader(ReaderId reader) {
        db.write(h -> new PasskeyRepository().forgetAccount(h, reader));
    }
}
