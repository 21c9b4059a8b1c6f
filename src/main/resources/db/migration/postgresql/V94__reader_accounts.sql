-- Readers who sign in. An account's id is a reader id (a_…), so everything keyed by reader (comments, votes,
-- blocks, sanctions, allowances) applies to accounts as it does to guests.
CREATE TABLE accounts (
    id             TEXT PRIMARY KEY,
    realm          TEXT NOT NULL,               -- the site's id, or the realm several sites of a newsroom share
    display_name   TEXT NOT NULL,
    name_key       TEXT NOT NULL,               -- the name folded for case, accents and look-alikes
    email          TEXT,                        -- as given by the provider; shown to no one but its owner
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    badges         TEXT NOT NULL DEFAULT '',    -- space-separated: staff subscriber
    vouched        BOOLEAN NOT NULL DEFAULT FALSE, -- the newsroom's own login vouches for this reader
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX accounts_by_name ON accounts (realm, name_key);
CREATE INDEX accounts_by_email ON accounts (realm, email);

-- How an account signs in: one row per provider identity (newsroom SSO, an OIDC issuer, an email address, a passkey).
CREATE TABLE account_logins (
    realm      TEXT NOT NULL,
    provider   TEXT NOT NULL,                   -- sso | oidc:<issuer> | email | passkey
    subject    TEXT NOT NULL,                   -- stable id at that provider
    account_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (realm, provider, subject)
);
CREATE INDEX account_logins_by_account ON account_logins (account_id);

-- Signed-in sessions: the widget keeps the token and sends it as a bearer token (no cookie, so blocked
-- third-party cookies do not sign anyone out). Only the token's digest is stored.
CREATE TABLE reader_sessions (
    token_hash TEXT PRIMARY KEY,
    reader_id  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX reader_sessions_by_reader ON reader_sessions (reader_id);

-- Who may write on a site and where its accounts live. No row: guests may write, the realm is the site.
CREATE TABLE reader_policies (
    site_id          TEXT PRIMARY KEY,
    realm            TEXT NOT NULL,
    guests_may_write BOOLEAN NOT NULL,
    updated_at       BIGINT NOT NULL
);
