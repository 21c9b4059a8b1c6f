CREATE TABLE pages (
    id            TEXT PRIMARY KEY,
    site_id       TEXT NOT NULL REFERENCES sites (id),
    page_key      TEXT NOT NULL,
    title         TEXT,
    url           TEXT,
    byline        TEXT,
    section       TEXT,
    published_at  BIGINT,
    is_open       BOOLEAN NOT NULL DEFAULT TRUE,
    comment_count INTEGER NOT NULL DEFAULT 0,     -- published, not deleted
    version       BIGINT NOT NULL DEFAULT 0,      -- bumped by every change to the page's thread
    created_at    BIGINT NOT NULL,
    UNIQUE (site_id, page_key)
);

CREATE TABLE comments (
    id          TEXT PRIMARY KEY,
    page_id     TEXT NOT NULL REFERENCES pages (id),
    parent_id   TEXT REFERENCES comments (id),
    depth       INTEGER NOT NULL,
    author_id   TEXT NOT NULL,
    author_name TEXT,                             -- as shown when posted; NULL shows as a placeholder
    markdown    TEXT NOT NULL,
    html        TEXT NOT NULL,                    -- sanitized rendering of markdown
    status      TEXT NOT NULL,                    -- published | deleted
    created_at  BIGINT NOT NULL,
    edited_at   BIGINT,
    deleted_at  BIGINT,
    up          INTEGER NOT NULL DEFAULT 0,
    down        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX comments_by_page ON comments (page_id, created_at);
CREATE INDEX comments_by_parent ON comments (parent_id);
CREATE INDEX comments_by_author ON comments (author_id);

CREATE TABLE votes (
    comment_id TEXT NOT NULL REFERENCES comments (id),
    voter_id   TEXT NOT NULL,
    value      SMALLINT NOT NULL,                   -- 1 or -1; a withdrawn vote is deleted
    voted_at   BIGINT NOT NULL,
    PRIMARY KEY (comment_id, voter_id)
);
CREATE INDEX votes_by_voter ON votes (voter_id);

-- The page's change log: one row per version, read to replay live updates after a reconnect.
CREATE TABLE page_events (
    page_id    TEXT NOT NULL REFERENCES pages (id),
    version    BIGINT NOT NULL,
    kind       TEXT NOT NULL,                     -- posted | edited | deleted | voted
    comment_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (page_id, version)
);
