package org.parley.logins;

import org.parley.identity.SignedIn;

/**
 * A reader signed in with an OpenID provider: their new session, and the origin of the article page that opened the
 * sign-in, the only page the session may be handed to (one of the site's origins, checked when the sign-in started
 * and again when it finished).
 */
public record OidcSignIn(SignedIn session, String origin) {
}
