-- Passkey ceremonies under way: each challenge is handed to one browser, answered once, within minutes. Kept in
-- the database (not a node's memory) so the options and the answer may reach different nodes.
CREATE TABLE passkey_challenges (
    challenge   TEXT PRIMARY KEY,          -- base64url of the random bytes the authenticator signs over
    site_id     TEXT NOT NULL,
    purpose     TEXT NOT NULL,             -- create-account | add-passkey | sign-in
    origin      TEXT NOT NULL,             -- the page's origin the answer must come from
    account_id  TEXT,                      -- add-passkey: the signed-in reader who asked
    user_handle TEXT,                      -- create-account, add-passkey: the WebAuthn user id offered
    name        TEXT,                      -- create-account: the display name the reader chose
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT                     -- set by the one answer accepted; a second is a replay
);
CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges (expires_at);

-- Readers' passkeys: a public key per credential, for the account the user handle signs in to.
CREATE TABLE passkey_credentials (
    credential_id TEXT PRIMARY KEY,        -- base64url, as the browser names it
    realm         TEXT NOT NULL,           -- accounts' realm; a passkey signs in only where its account lives
    account_id    TEXT NOT NULL,
    user_handle   TEXT NOT NULL,           -- base64url; one per account, the subject of its 'passkey' login
    rp_id         TEXT NOT NULL,           -- the host the passkey is bound to
    public_key    BYTEA NOT NULL,          -- COSE_Key as the authenticator gave it
    sign_count    BIGINT NOT NULL,         -- last signature counter seen; a lower one means a cloned authenticator
    transports    TEXT NOT NULL DEFAULT '', -- space-separated hints: internal hybrid usb nfc ble
    label         TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX passkey_credentials_by_account ON passkey_credentials (account_id);
