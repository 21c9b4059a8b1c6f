-- What a signed-in reader wants to hear about. No row: nothing (reply emails are opt-in).
CREATE TABLE notification_settings (
    reader_id  TEXT PRIMARY KEY,
    replies    BOOLEAN NOT NULL,       -- an email for each reply to their comments
    digest     BOOLEAN NOT NULL,       -- instead, one email a day listing them
    updated_at BIGINT NOT NULL
);

-- Threads a reader muted: no reply emails from them.
CREATE TABLE muted_pages (
    reader_id TEXT NOT NULL,
    site_id   TEXT NOT NULL,
    page_key  TEXT NOT NULL,
    PRIMARY KEY (reader_id, site_id, page_key)
);

-- One row per reply a reader is told about: every node hears of a new reply, the first to write this row tells.
-- Rows waiting for the daily digest have digest_sent_at NULL.
CREATE TABLE reply_notices (
    comment_id     TEXT PRIMARY KEY,
    recipient_id   TEXT NOT NULL,
    site_id        TEXT NOT NULL,
    summary        TEXT NOT NULL,      -- one line for the digest: who replied, where, the start of the reply
    for_digest     BOOLEAN NOT NULL,
    digest_sent_at BIGINT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX reply_notices_for_digest ON reply_notices (for_digest, digest_sent_at, recipient_id);
