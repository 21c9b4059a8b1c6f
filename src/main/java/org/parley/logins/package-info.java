/**
 * The ways a reader signs in, per site: the newsroom's own login (a JWT the host page hands the widget), and, as
 * they join, OpenID Connect, email links and passkeys. Door: {@link org.parley.logins.Logins}. Each way ends in
 * {@link org.parley.identity.Identity#signIn}, which owns accounts and sessions; this feature owns only how a
 * reader proves who they are, and each site's choice of ways (table {@code sign_in_settings}). Passkeys (WebAuthn,
 * checked by webauthn4j) are the {@code Passkey*} classes: ceremonies' challenges in {@code passkey_challenges},
 * readers' public keys in {@code passkey_credentials}. Routes: {@code GET /api/v1/sites/{site}/sign-in},
 * {@code POST /api/v1/sites/{site}/sign-in/sso}, {@code POST /api/v1/sites/{site}/sign-in/passkey/register/options},
 * {@code …/register/verify}, {@code …/authenticate/options}, {@code …/authenticate/verify}.
 */
package org.parley.logins;
