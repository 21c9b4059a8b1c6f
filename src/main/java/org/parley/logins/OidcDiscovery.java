package org.parley.logins;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.http.ParleyException;

/**
 * What each OpenID provider publishes about itself: its endpoints, read from {@code {issuer}/.well-known/openid-configuration}
 * and kept for an hour, and its signing keys (JWKS), kept for five minutes and fetched again at once when an ID token
 * names a key not seen yet, so a provider's key rotation needs no restart. Per node; every node reads the same
 * documents. Thread-safe.
 */
final class OidcDiscovery {

    /** How long a discovery document is trusted before it is read again. */
    static final Duration KEEP = Duration.ofHours(1);
    /** Connect and read timeouts towards providers: a reader waits in a popup meanwhile. */
    static final int TIMEOUT_MILLIS = 5_000;
    private static final List<JWSAlgorithm.Family> PUBLIC_KEY_FAMILIES =
            List.of(JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.EC, JWSAlgorithm.Family.ED);

    private record Fetched(OIDCProviderMetadata metadata, Instant at) {
    }

    private final Clock clock;
    private final Map<URI, Fetched> documents = new ConcurrentHashMap<>();
    private final Map<URI, JWKSource<SecurityContext>> keySets = new ConcurrentHashMap<>();

    OidcDiscovery(Clock clock) {
        this.clock = clock;
    }

    /** The provider's metadata; a 503 problem when its discovery document cannot be read or names another issuer. */
    OIDCProviderMetadata metadata(OidcProvider provider) {
        Instant now = clock.instant();
        Fetched known = documents.get(provider.issuer());
        if (known != null && known.at().plus(KEEP).isAfter(now)) {
            return known.metadata();
        }
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(provider.issuer()), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
            if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null || metadata.getJWKSetURI() == null) {
                throw unavailable(provider, "its discovery document lacks an authorization, token or JWKS endpoint");
            }
            documents.put(provider.issuer(), new Fetched(metadata, now));
            return metadata;
        } catch (GeneralException | IOException e) {
            // Resolve also refuses a document whose "issuer" is not the URL asked for (OpenID Discovery, section 4.3).
            throw unavailable(provider, e.getMessage());
        }
    }

    /** The provider's ID token signing keys, for the algorithms it says it signs with (public-key ones only). */
    JWKSource<SecurityContext> keys(OIDCProviderMetadata metadata) {
        return keySets.computeIfAbsent(metadata.getJWKSetURI(), uri -> {
            try {
                return JWKSourceBuilder.create(uri.toURL())
                        .cache(Duration.ofMinutes(5).toMillis(), Duration.ofSeconds(10).toMillis())
                        .rateLimited(Duration.ofSeconds(10).toMillis())
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new ParleyException.Unavailable(LoginProblem.OIDC_PROVIDER_UNAVAILABLE,
                        "The sign-in provider's JWKS URL " + uri + " is not a URL.", 60);
            }
        });
    }

    /** The public-key algorithms the provider signs ID tokens with: RS256 when it says none (every provider must support it). */
    static List<JWSAlgorithm> signingAlgorithms(OIDCProviderMetadata metadata) {
        List<JWSAlgorithm> stated = metadata.getIDTokenJWSAlgs() == null ? List.of() : metadata.getIDTokenJWSAlgs();
        List<JWSAlgorithm> usable = stated.stream().filter(alg -> PUBLIC_KEY_FAMILIES.stream().anyMatch(family -> family.contains(alg))).toList();
        return usable.isEmpty() ? List.of(JWSAlgorithm.RS256) : usable;
    }

    private static ParleyException unavailable(OidcProvider provider, String why) {
        return new ParleyException.Unavailable(LoginProblem.OIDC_PROVIDER_UNAVAILABLE,
                "Parley could not read the discovery document of sign-in provider '" + provider.id() + "' (" + provider.issuer()
                        + "): " + why + ". Try again shortly.", 30);
    }
}
