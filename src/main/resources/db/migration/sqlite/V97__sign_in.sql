-- How readers of a site may sign in. No row: as guests only.
CREATE TABLE sign_in_settings (
    site_id       TEXT PRIMARY KEY,
    sso_secret    TEXT,            -- HS256 key the newsroom signs its tokens with; NULL: not accepted
    sso_jwks_url  TEXT,            -- the newsroom's public keys (RS256/ES256); NULL: not accepted
    sso_issuer    TEXT,            -- the iss claim required, if any
    sso_audience  TEXT NOT NULL,   -- the aud claim required (the site's id unless the newsroom chose another)
    sso_login_url TEXT,            -- where the widget sends a reader to sign in with the newsroom
    email_links   BOOLEAN NOT NULL DEFAULT FALSE,
    passkeys      BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at    BIGINT NOT NULL
);

-- SSO tokens already exchanged, by digest, kept until they expire: a token signs in once.
CREATE TABLE sso_token_uses (
    token_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sso_token_uses_by_expiry ON sso_token_uses (expires_at);
