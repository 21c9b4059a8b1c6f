package org.parley.logins;

import java.time.Instant;
import org.parley.sites.SiteId;

/**
 * What a sign-in under way keeps between sending the reader to the provider and their return: kept in the
 * database (table {@code oidc_sign_ins}) so the return may reach any node.
 *
 * @param origin       the article page's origin, where the session will be posted
 * @param nonce        the ID token must carry it, so a token from another sign-in is refused
 * @param codeVerifier PKCE: proves to the provider that whoever redeems the code started the sign-in
 */
record OidcSignInState(SiteId site, String providerId, String origin, String nonce, String codeVerifier, Instant expiresAt) {
}
