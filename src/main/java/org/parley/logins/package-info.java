/**
 * The ways a reader signs in, per site: the newsroom's own login (a JWT the host page hands the widget), and, as
 * they join, OpenID Connect, email links and passkeys. Door: {@link org.parley.logins.Logins}. Each way ends in
 * {@link org.parley.identity.Identity#signIn}, which owns accounts and sessions; this feature owns only how a
 * reader proves who they are, and each site's choice of ways (table {@code sign_in_settings}). Routes:
 * {@code GET /api/v1/sites/{site}/sign-in}, {@code POST /api/v1/sites/{site}/sign-in/sso}.
 */
package org.parley.logins;
