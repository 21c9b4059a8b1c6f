-- Moderation's own records. Times are epoch milliseconds (UTC).

-- Rules per site ('' page) and per page; JSON so a new rule needs no migration.
CREATE TABLE moderation_settings (
    site_id    TEXT NOT NULL,
    page_key   TEXT NOT NULL DEFAULT '',
    settings   TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (site_id, page_key)
);

-- Words a site refuses (banned) or wants a moderator to see (suspect).
CREATE TABLE word_terms (
    site_id  TEXT NOT NULL,
    term     TEXT NOT NULL,
    kind     TEXT NOT NULL,                        -- banned | suspect
    added_at BIGINT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (site_id, term)
);

-- Bans, suspensions and warnings of commenters on a site.
CREATE TABLE sanctions (
    id         TEXT PRIMARY KEY,
    site_id    TEXT NOT NULL,
    guest_id   TEXT NOT NULL,
    kind       TEXT NOT NULL,                      -- ban | suspension | warning
    message    TEXT NOT NULL,                      -- shown to the commenter
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT,                             -- NULL: until lifted
    created_by TEXT NOT NULL,
    lifted_at  BIGINT,
    lifted_by  TEXT
);
CREATE INDEX sanctions_by_guest ON sanctions (site_id, guest_id);

-- Readers' reports of comments; one per reader and comment.
CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    comment_id  TEXT NOT NULL,
    site_id     TEXT NOT NULL,
    reporter_id TEXT NOT NULL,
    author_id   TEXT NOT NULL,                     -- the reported comment's author, for their record
    page_key    TEXT NOT NULL,
    section     TEXT,                              -- the page's section, for section moderators' queues
    reason      TEXT NOT NULL,                     -- abuse | hate | spam | off-topic | misinformation | other
    note        TEXT,
    created_at  BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by TEXT,
    UNIQUE (comment_id, reporter_id)
);
CREATE INDEX reports_open ON reports (site_id, resolved_at, created_at);

-- Who replied to whom, and how hostile it was: the material for flame-war detection.
CREATE TABLE reply_turns (
    comment_id       TEXT PRIMARY KEY,
    site_id          TEXT NOT NULL,
    page_key         TEXT NOT NULL,
    author_id        TEXT NOT NULL,
    parent_id        TEXT,
    parent_author_id TEXT,
    created_at       BIGINT NOT NULL,
    hostility        REAL NOT NULL
);

-- Fingerprints of recent comments, for finding the same text posted again and again.
CREATE TABLE fingerprints (
    comment_id TEXT PRIMARY KEY,
    site_id    TEXT NOT NULL,
    author_id  TEXT NOT NULL,
    simhash    BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX fingerprints_recent ON fingerprints (site_id, created_at);

-- Every moderator action, who, what, when, why, before and after. Never changed or removed.
CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    site_id     TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_kind TEXT NOT NULL,                     -- comment | commenter | word-list | settings
    target_id   TEXT NOT NULL,
    subject_id  TEXT,                              -- the commenter the action concerns, for their record
    reason      TEXT,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_log_by_site ON audit_log (site_id, at);
CREATE INDEX audit_log_by_subject ON audit_log (subject_id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
