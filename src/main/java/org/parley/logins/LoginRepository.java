package org.parley.logins;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code sign_in_settings} and {@code sso_token_uses} tables. */
final class LoginRepository {

    Optional<LoginSettings> find(Handle h, SiteId site) {
        return h.createQuery("""
                        SELECT sso_secret, sso_jwks_url, sso_issuer, sso_audience, sso_login_url, email_links, passkeys
                        FROM sign_in_settings WHERE site_id = :site""")
                .bind("site", site.value())
                .map((rs, ctx) -> new LoginSettings(Optional.ofNullable(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2)).map(URI::create), Optional.ofNullable(rs.getString(3)), rs.getString(4),
                        Optional.ofNullable(rs.getString(5)).map(URI::create), rs.getBoolean(6), rs.getBoolean(7)))
                .findOne();
    }

    void save(Handle h, SiteId site, LoginSettings settings, Instant now) {
        h.createUpdate("""
                        INSERT INTO sign_in_settings (site_id, sso_secret, sso_jwks_url, sso_issuer, sso_audience, sso_login_url,
                                                      email_links, passkeys, updated_at)
                        VALUES (:site, :secret, :jwks, :issuer, :audience, :login, :email, :passkeys, :now)
                        ON CONFLICT (site_id) DO UPDATE SET sso_secret = excluded.sso_secret, sso_jwks_url = excluded.sso_jwks_url,
                            sso_issuer = excluded.sso_issuer, sso_audience = excluded.sso_audience,
                            sso_login_url = excluded.sso_login_url, email_links = excluded.email_links,
                            passkeys = excluded.passkeys, updated_at = excluded.updated_at""")
                .bind("site", site.value())
                .bind("secret", settings.ssoSecret().orElse(null))
                .bind("jwks", settings.ssoJwksUrl().map(URI::toString).orElse(null))
                .bind("issuer", settings.ssoIssuer().orElse(null))
                .bind("audience", settings.ssoAudience())
                .bind("login", settings.ssoLoginUrl().map(URI::toString).orElse(null))
                .bind("email", settings.emailLinks())
                .bind("passkeys", settings.passkeys())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** Records that a token was exchanged; false when it had been already (a replay). */
    boolean firstUse(Handle h, String tokenHash, Instant expiresAt) {
        return h.createUpdate("""
                        INSERT INTO sso_token_uses (token_hash, expires_at) VALUES (:hash, :expires)
                        ON CONFLICT (token_hash) DO NOTHING""")
                .bind("hash", tokenHash)
                .bind("expires", expiresAt.toEpochMilli())
                .execute() == 1;
    }

    int forgetExpiredUses(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM sso_token_uses WHERE expires_at < :before").bind("before", before.toEpochMilli()).execute();
    }
}
