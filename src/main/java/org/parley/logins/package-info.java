/**
 * The ways a reader signs in, per site: the newsroom's own login (a JWT the host page hands the widget), OpenID
 * Connect providers the site configured (authorization code with PKCE, in a popup that hands the session to the
 * article page), email links and passkeys. Door: {@link org.parley.logins.Logins}. Each way ends in
 * {@link org.parley.identity.Identity#signIn}, which owns accounts and sessions; this feature owns only how a
 * reader proves who they are, and each site's choice of ways (tables {@code sign_in_settings}, {@code sso_token_uses},
 * {@code oidc_providers}, {@code oidc_sign_ins}). Passkeys (WebAuthn, checked by webauthn4j) are the {@code Passkey*}
 * classes: ceremonies' challenges in {@code passkey_challenges}, readers' public keys in {@code passkey_credentials}.
 * Routes: {@code GET /api/v1/sites/{site}/sign-in}, {@code POST /api/v1/sites/{site}/sign-in/sso},
 * {@code GET /api/v1/sites/{site}/sign-in/oidc/{provider}/start}, {@code GET /api/v1/sites/{site}/sign-in/oidc/callback},
 * {@code POST /api/v1/sites/{site}/sign-in/passkey/register/options}, {@code …/register/verify},
 * {@code …/authenticate/options}, {@code …/authenticate/verify}.
 */
package org.parley.logins;
