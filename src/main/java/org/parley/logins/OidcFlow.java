package org.parley.logins;

import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.http.Allowances;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.identity.Login;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.Ids;

/**
 * Signing in with OpenID Connect: the authorization code flow with PKCE (S256), state and nonce. {@link #start} keeps
 * what the return needs in the database, so any node may finish it, and sends the reader to the provider;
 * {@link #finish} takes that row back once, redeems the code and maps the ID token's claims to a {@link Login}.
 * The article page's origin is checked against the site's origins at both ends. Thread-safe.
 */
final class OidcFlow {

    /** How long a reader has at the provider before the sign-in must start again. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final int MAX_SHOWN = 200;
    /**
     * Sign-ins one network may start: each keeps a row for ten minutes, so a flood must not fill the table; a
     * newsroom's office of readers signing in at once stays well below.
     */
    static final List<Allowances.Limit> STARTS = List.of(new Allowances.Limit(30, Duration.ofMinutes(1)),
            new Allowances.Limit(300, Duration.ofHours(1)));

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final String publicUrl;
    private final OidcProviders providers;
    private final OidcRepository repository;
    private final OidcDiscovery discovery;
    private final OidcTokens tokens;
    private final Allowances starts;

    OidcFlow(Database db, Clock clock, Sites sites, String publicUrl, OidcProviders providers, OidcRepository repository) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.publicUrl = publicUrl;
        this.providers = providers;
        this.repository = repository;
        this.discovery = new OidcDiscovery(clock);
        this.tokens = new OidcTokens(discovery);
        this.starts = Allowances.create(db, clock, "oidc-starts", 100_000);
    }

    /** Where the provider sends readers of {@code site} back: the redirect URI an admin registers at the provider. */
    URI redirectUri(SiteId site) {
        return URI.create(publicUrl + "/api/v1/sites/" + site.value() + "/sign-in/oidc/callback");
    }

    /** The provider's authorization URL for a sign-in opened from a page on {@code origin} by a reader at {@code clientAddress}. */
    URI start(SiteId site, String providerId, String origin, String clientAddress) {
        Site known = sites.require(site.value());
        OidcProvider provider = providers.require(site, providerId);
        String allowed = allowedOrigin(known, origin);
        starts.takeForNetwork("oidc-start", clientAddress, STARTS.toArray(Allowances.Limit[]::new)).ifPresent(seconds -> {
            throw new ParleyException.RateLimited(LoginProblem.OIDC_TOO_MANY_SIGN_INS,
                    "Too many sign-ins were started from this network; try again in " + seconds + " seconds.", seconds);
        });
        URI authorize = discovery.metadata(provider).getAuthorizationEndpointURI();
        String state = db.ids().secret();
        Nonce nonce = new Nonce(db.ids().secret());
        CodeVerifier verifier = new CodeVerifier();
        OidcSignInState signIn = new OidcSignInState(site, provider.id(), allowed, nonce.getValue(), verifier.getValue(),
                clock.instant().plus(LIFETIME));
        db.write(h -> {
            repository.insertSignIn(h, Ids.digest(state), signIn);
            return null;
        });
        return new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(provider.scopes()), new ClientID(provider.clientId()),
                redirectUri(site))
                .endpointURI(authorize)
                .state(new State(state))
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /**
     * Finishes the sign-in the provider's redirect back describes ({@code state} and {@code code}, or {@code error}):
     * the login it vouches for and the origin to hand the session to. 400 for a state that is missing, unknown,
     * used, expired or made for another site; 403 when the provider refused or the origin is no longer allowed;
     * 401 when the code or the ID token is refused; 503 when the provider cannot be reached.
     */
    Finished finish(SiteId site, Map<String, String> reply) {
        Site known = sites.require(site.value());
        String state = Optional.ofNullable(reply.get("state")).orElseThrow(() -> badState("the provider's reply carries no 'state'"));
        OidcSignInState signIn = db.write(h -> repository.takeSignIn(h, Ids.digest(state)))
                .orElseThrow(() -> badState("no sign-in under way has this state (it finished already, or was never started here)"));
        if (!signIn.site().equals(site)) {
            throw badState("it was started for another site");
        }
        if (!signIn.expiresAt().isAfter(clock.instant())) {
            throw badState("it expired at " + signIn.expiresAt() + ", " + LIFETIME.toMinutes() + " minutes after it started");
        }
        OidcProvider provider = providers.require(site, signIn.providerId());
        allowedOrigin(known, signIn.origin());
        if (reply.containsKey("error")) {
            throw new ParleyException.Forbidden(LoginProblem.OIDC_SIGN_IN_REFUSED, "Sign-in provider '" + provider.id()
                    + "' did not sign the reader in: '" + printable(reply.get("error")) + "'"
                    + Optional.ofNullable(reply.get("error_description")).map(d -> " (" + printable(d) + ")").orElse("") + ".");
        }
        String code = Optional.ofNullable(reply.get("code")).orElseThrow(() -> new ParleyException.InvalidInput(
                RequestProblem.INVALID_PARAMETER, "The provider's reply carries neither 'code' nor 'error'.",
                List.of(new FieldError("code", "is required"))));
        IDTokenClaimsSet claims = tokens.redeem(provider, code, redirectUri(site), signIn);
        return new Finished(login(provider, claims), signIn.origin());
    }

    /** A finished sign-in: who the provider vouched for, and the article page's origin. */
    record Finished(Login login, String origin) {
    }

    /** Forgets sign-ins never finished; returns how many. */
    int forgetExpired() {
        return db.write(h -> repository.forgetExpiredSignIns(h, clock.instant()));
    }

    private static Login login(OidcProvider provider, IDTokenClaimsSet claims) {
        Optional<String> name = firstString(claims, "name", "preferred_username", "nickname");
        Optional<String> email = firstString(claims, "email");
        Object verified = claims.getClaim("email_verified");
        // Some providers send the boolean as a string.
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return new Login(provider.loginProvider(), claims.getSubject().getValue(), name, email, emailVerified && email.isPresent(),
                Set.of(), false);
    }

    private static Optional<String> firstString(IDTokenClaimsSet claims, String... names) {
        for (String name : names) {
            if (claims.getClaim(name) instanceof String value && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** {@code origin} in its normal form when it is a bare origin {@code site} lists; 400 or 403 problems otherwise. */
    static String allowedOrigin(Site site, String origin) {
        String normal = origin.strip().toLowerCase(Locale.ROOT);
        URI uri;
        try {
            uri = URI.create(normal);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !(normal.startsWith("https://") || normal.startsWith("http://"))
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                    "Query parameter 'origin' must be the article page's origin, like https://www.courier.example (no path).",
                    List.of(new FieldError("origin", "is not an origin")));
        }
        if (!site.allowsOrigin(normal)) {
            throw new ParleyException.Forbidden(RequestProblem.ORIGIN_NOT_ALLOWED,
                    "Origin " + printable(normal) + " may not use site '" + site.id() + "'; add it to the site's origins.");
        }
        return normal;
    }

    /** Text from outside (a provider's error, an id in a URL) made safe to quote in a problem: printable ASCII, bounded. */
    static String printable(String text) {
        String kept = text.replaceAll("[^\\x20-\\x7E]", "?");
        return kept.length() > MAX_SHOWN ? kept.substring(0, MAX_SHOWN) + "…" : kept;
    }

    private static ParleyException badState(String why) {
        return new ParleyException.InvalidInput(LoginProblem.OIDC_STATE_INVALID,
                "This sign-in cannot be finished: " + why + ". Start the sign-in again from the article.");
    }
}
