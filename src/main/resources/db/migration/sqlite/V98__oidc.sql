-- OpenID Connect providers a site's readers may sign in with (a site may have several).
CREATE TABLE oidc_providers (
    site_id       TEXT NOT NULL,
    provider_id   TEXT NOT NULL,   -- short name in URLs: /sign-in/oidc/{provider_id}/start
    label         TEXT NOT NULL,   -- what the widget's button says
    issuer        TEXT NOT NULL,   -- discovery: {issuer}/.well-known/openid-configuration
    client_id     TEXT NOT NULL,
    client_secret TEXT NOT NULL,   -- sent to the provider's token endpoint; never shown by the API
    scopes        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (site_id, provider_id)
);

-- Sign-ins under way: what the callback needs to finish one, by a digest of its state parameter.
-- Single use (deleted when the provider sends the reader back) and short-lived; shared by every node.
CREATE TABLE oidc_sign_ins (
    state_hash    TEXT PRIMARY KEY,
    site_id       TEXT NOT NULL,
    provider_id   TEXT NOT NULL,
    origin        TEXT NOT NULL,   -- the article page that opened the popup: where the session is posted
    nonce         TEXT NOT NULL,
    code_verifier TEXT NOT NULL,   -- PKCE
    expires_at    BIGINT NOT NULL
);
CREATE INDEX oidc_sign_ins_by_expiry ON oidc_sign_ins (expires_at);
