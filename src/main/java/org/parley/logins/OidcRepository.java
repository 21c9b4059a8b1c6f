package org.parley.logins;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code oidc_providers} and {@code oidc_sign_ins} tables. */
final class OidcRepository {

    List<OidcProvider> providers(Handle h, SiteId site) {
        return h.createQuery("""
                        SELECT provider_id, label, issuer, client_id, client_secret, scopes
                        FROM oidc_providers WHERE site_id = :site ORDER BY created_at, provider_id""")
                .bind("site", site.value())
                .map((rs, ctx) -> new OidcProvider(rs.getString(1), rs.getString(2), URI.create(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }

    /** Adds {@code provider} to {@code site}; false when the site already has a provider with its id. */
    boolean insert(Handle h, SiteId site, OidcProvider provider, Instant now) {
        return h.createUpdate("""
                        INSERT INTO oidc_providers (site_id, provider_id, label, issuer, client_id, client_secret, scopes, created_at)
                        VALUES (:site, :id, :label, :issuer, :client, :secret, :scopes, :now)
                        ON CONFLICT (site_id, provider_id) DO NOTHING""")
                .bind("site", site.value())
                .bind("id", provider.id())
                .bind("label", provider.label())
                .bind("issuer", provider.issuer().toString())
                .bind("client", provider.clientId())
                .bind("secret", provider.clientSecret())
                .bind("scopes", provider.scopes())
                .bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    boolean delete(Handle h, SiteId site, String providerId) {
        return h.createUpdate("DELETE FROM oidc_providers WHERE site_id = :site AND provider_id = :id")
                .bind("site", site.value())
                .bind("id", providerId)
                .execute() == 1;
    }

    void insertSignIn(Handle h, String stateHash, OidcSignInState signIn) {
        h.createUpdate("""
                        INSERT INTO oidc_sign_ins (state_hash, site_id, provider_id, origin, nonce, code_verifier, expires_at)
                        VALUES (:state, :site, :provider, :origin, :nonce, :verifier, :expires)""")
                .bind("state", stateHash)
                .bind("site", signIn.site().value())
                .bind("provider", signIn.providerId())
                .bind("origin", signIn.origin())
                .bind("nonce", signIn.nonce())
                .bind("verifier", signIn.codeVerifier())
                .bind("expires", signIn.expiresAt().toEpochMilli())
                .execute();
    }

    /**
     * Removes and returns the sign-in under way with this state, expired or not (the caller checks): a state is
     * taken once, so a second callback with it, on this node or another, finds nothing.
     */
    Optional<OidcSignInState> takeSignIn(Handle h, String stateHash) {
        Optional<OidcSignInState> found = h.createQuery("""
                        SELECT site_id, provider_id, origin, nonce, code_verifier, expires_at
                        FROM oidc_sign_ins WHERE state_hash = :state""")
                .bind("state", stateHash)
                .map((rs, ctx) -> new OidcSignInState(new SiteId(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))))
                .findOne();
        int deleted = h.createUpdate("DELETE FROM oidc_sign_ins WHERE state_hash = :state").bind("state", stateHash).execute();
        return deleted == 1 ? found : Optional.empty(); // a concurrent callback deleted it first: that one finishes
    }

    int forgetExpiredSignIns(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM oidc_sign_ins WHERE expires_at < :before").bind("before", before.toEpochMilli()).execute();
    }
}
