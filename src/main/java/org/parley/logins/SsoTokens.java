package org.parley.logins;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.http.ParleyException;

/**
 * Checks the JWTs a newsroom's login signs for its readers: signed with the site's HS256 secret, or with one of the
 * RS256/ES256 keys at the newsroom's JWKS URL (fetched, kept for five minutes, and fetched again at once when a
 * token names a key not seen yet, so a key rotation needs no restart). Unsigned tokens ({@code alg: none}) and any
 * other algorithm are refused, whatever the header claims. Thread-safe.
 */
final class SsoTokens {

    /** Clocks of the newsroom's servers and Parley's may differ this much. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** A token must expire within this of now: it is handed to the page for one exchange, not kept. */
    static final Duration LONGEST_LIFETIME = Duration.ofDays(1);
    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final Clock clock;
    private final Map<URI, JWKSource<SecurityContext>> keySets = new ConcurrentHashMap<>();

    SsoTokens(Clock clock) {
        this.clock = clock;
    }

    /** The claims of {@code token} if {@code settings} accept its signature, audience, issuer and times; 401 problems otherwise. */
    JWTClaimsSet verify(String token, LoginSettings settings) {
        SignedJWT jwt = signed(token);
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        if (alg.equals(JWSAlgorithm.HS256) && settings.ssoSecret().isPresent()) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                    new ImmutableSecret<>(settings.ssoSecret().get().getBytes(StandardCharsets.UTF_8))));
        } else if (PUBLIC_KEY_ALGORITHMS.contains(alg) && settings.ssoJwksUrl().isPresent()) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, keys(settings.ssoJwksUrl().get())));
        } else {
            throw invalid("this site accepts tokens signed with " + accepted(settings) + ", not " + alg.getName());
        }
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // checked below, against Parley's clock
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (KeySourceException e) {
            throw new ParleyException.Unavailable(LoginProblem.SSO_KEYS_UNAVAILABLE,
                    "Parley could not read the newsroom's keys at " + settings.ssoJwksUrl().map(URI::toString).orElse("?")
                            + "; try again shortly.", 30);
        } catch (BadJOSEException e) {
            throw invalid("its signature does not match the site's " + (alg.equals(JWSAlgorithm.HS256) ? "SSO secret" : "published keys"));
        } catch (JOSEException e) {
            throw invalid("its signature could not be checked (" + e.getMessage() + ")");
        }
        checkClaims(claims, settings);
        return claims;
    }

    private static SignedJWT signed(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw invalid("it is not a JWT (three base64url parts separated by dots)");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw invalid("it is not signed (alg 'none' and encrypted tokens are refused)");
        }
        return signed;
    }

    private void checkClaims(JWTClaimsSet claims, LoginSettings settings) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw invalid("it has no 'exp' claim; give it a lifetime of minutes");
        }
        if (exp.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new ParleyException.Forbidden(LoginProblem.SSO_TOKEN_EXPIRED,
                    "The sign-in token expired at " + exp.toInstant() + "; the page must hand the widget a fresh one.");
        }
        if (exp.toInstant().isAfter(now.plus(LONGEST_LIFETIME))) {
            throw invalid("it expires more than " + LONGEST_LIFETIME.toHours() + " hours from now; make tokens that live minutes");
        }
        Date nbf = claims.getNotBeforeTime();
        Date iat = claims.getIssueTime();
        if ((nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) || (iat != null && iat.toInstant().isAfter(now.plus(CLOCK_SKEW)))) {
            throw invalid("it is not valid yet ('nbf' or 'iat' is in the future)");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(settings.ssoAudience())) {
            throw new ParleyException.Forbidden(LoginProblem.SSO_WRONG_AUDIENCE,
                    "The sign-in token's 'aud' must include '" + settings.ssoAudience() + "'.");
        }
        if (settings.ssoIssuer().isPresent() && !settings.ssoIssuer().get().equals(claims.getIssuer())) {
            throw invalid("its 'iss' is not '" + settings.ssoIssuer().get() + "'");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw invalid("its 'sub' (the reader's stable id at the newsroom) is missing or longer than 255 characters");
        }
    }

    private JWKSource<SecurityContext> keys(URI url) {
        return keySets.computeIfAbsent(url, u -> {
            try {
                return JWKSourceBuilder.create(u.toURL())
                        .cache(Duration.ofMinutes(5).toMillis(), Duration.ofSeconds(10).toMillis())
                        .rateLimited(Duration.ofSeconds(10).toMillis())
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a URL: " + u, e);
            }
        });
    }

    private static String accepted(LoginSettings settings) {
        if (settings.ssoSecret().isPresent() && settings.ssoJwksUrl().isPresent()) {
            return "HS256, RS256 or ES256";
        }
        return settings.ssoSecret().isPresent() ? "HS256 (the site's SSO secret)" : "RS256 or ES256 (keys at its JWKS URL)";
    }

    private static ParleyException invalid(String why) {
        return new ParleyException.Forbidden(LoginProblem.SSO_TOKEN_INVALID, "The sign-in token was refused: " + why + ".");
    }
}
