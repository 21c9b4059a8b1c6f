-- A site is one publication that embeds Parley. Times are epoch milliseconds (UTC) in every table.
CREATE TABLE sites (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    origins             TEXT NOT NULL,            -- allowed origins, space-separated
    secret_hash         TEXT NOT NULL,            -- SHA-256 of the site's API secret
    edit_window_seconds INTEGER NOT NULL,
    max_comment_length  INTEGER NOT NULL,
    created_at          BIGINT NOT NULL
);
