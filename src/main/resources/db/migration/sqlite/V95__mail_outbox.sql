-- Outgoing email. A caller's transaction inserts a queued row, so an email exists exactly when the business
-- write committed; a sender claims due rows (claimed_by, claim_until: a lease, so that one node's crash only
-- delays a message) and records the outcome. Times are epoch milliseconds.
CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    template        TEXT NOT NULL,
    category        TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    recipient_hash  TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    unsubscribe_url TEXT,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_by      TEXT,
    claim_until     BIGINT NOT NULL DEFAULT 0,
    finished_at     BIGINT,
    last_error      TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_finished ON mail_outbox (finished_at);

-- Who asked for no more mail of a category, by a keyed hash of the lower-cased address (never the address).
CREATE TABLE mail_opt_outs (
    address_hash TEXT NOT NULL,
    category     TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (address_hash, category)
);

-- Secrets the mail feature makes once per installation: the key of address hashes and of unsubscribe links.
CREATE TABLE mail_secrets (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
