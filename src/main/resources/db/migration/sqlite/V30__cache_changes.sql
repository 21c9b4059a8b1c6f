-- Changes to what each Parley process keeps in memory, so a server drops what a command run beside it (or
-- another process) made stale. SQLite has one writer at a time, so rows commit in the order of their ids and
-- a reader only needs the last id it read. Rows live ten minutes.
CREATE TABLE cache_changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    cache_name TEXT NOT NULL,
    cache_key  TEXT NOT NULL,
    node       TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX cache_changes_by_time ON cache_changes (changed_at);
