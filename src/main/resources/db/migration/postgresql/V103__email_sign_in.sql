-- Sign-in links sent by email: single use, short-lived; only the token's digest is kept.
CREATE TABLE email_sign_ins (
    token_hash TEXT PRIMARY KEY,
    site_id    TEXT NOT NULL,
    email      TEXT NOT NULL,
    name       TEXT,                -- the name the reader asked for, used if the link makes their account
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX email_sign_ins_by_expiry ON email_sign_ins (expires_at);
