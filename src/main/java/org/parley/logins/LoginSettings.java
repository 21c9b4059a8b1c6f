package org.parley.logins;

import java.net.URI;
import java.util.Optional;

/**
 * How readers of a site may sign in, besides as guests.
 *
 * @param ssoSecret   the key the newsroom signs HS256 tokens with (at least 32 bytes); empty: HS256 refused
 * @param ssoJwksUrl  where the newsroom publishes its RS256/ES256 public keys; empty: those refused
 * @param ssoIssuer   the {@code iss} a token must carry, when the newsroom names one
 * @param ssoAudience the {@code aud} a token must carry: the site's id unless the newsroom chose another
 * @param ssoLoginUrl the newsroom's sign-in page, where the widget's "Sign in" sends a reader
 * @param emailLinks  whether readers may sign in with a link sent by email
 * @param passkeys    whether readers may sign in with a passkey
 */
public record LoginSettings(Optional<String> ssoSecret, Optional<URI> ssoJwksUrl, Optional<String> ssoIssuer, String ssoAudience,
                             Optional<URI> ssoLoginUrl, boolean emailLinks, boolean passkeys) {

    /** Shortest HS256 key accepted, in bytes: as long as the hash, as RFC 7518 requires. */
    public static final int MIN_SECRET_BYTES = 32;

    public LoginSettings {
        ssoSecret.ifPresent(secret -> {
            if (secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the SSO secret must be at least " + MIN_SECRET_BYTES + " bytes");
            }
        });
        ssoJwksUrl.ifPresent(url -> requireWeb(url, "JWKS URL"));
        ssoLoginUrl.ifPresent(url -> requireWeb(url, "login URL"));
        if (ssoAudience == null || ssoAudience.isBlank()) {
            throw new IllegalArgumentException("the SSO audience must not be blank");
        }
    }

    /** Guests only: what a site has until an admin enables a way to sign in. */
    public static LoginSettings none(String audience) {
        return new LoginSettings(Optional.empty(), Optional.empty(), Optional.empty(), audience, Optional.empty(), false, false);
    }

    /** True when the newsroom's own login is accepted. */
    public boolean sso() {
        return ssoSecret.isPresent() || ssoJwksUrl.isPresent();
    }

    private static void requireWeb(URI url, String what) {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("the SSO " + what + " must be an http(s) URL, was " + url);
        }
    }
}
