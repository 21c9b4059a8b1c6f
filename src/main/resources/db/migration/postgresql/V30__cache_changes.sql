-- Changes to what nodes keep in memory, so every node drops what another node's change made stale.
-- Rows are few (a word list saved, a rule changed, a reader's block) and live a few minutes: a node
-- reads the last minute's rows every half second and forgets older ones. SQLite runs one node and
-- has no such table.
CREATE TABLE cache_changes (
    id         BIGSERIAL PRIMARY KEY,
    cache_name TEXT NOT NULL,
    cache_key  TEXT NOT NULL,
    node       TEXT NOT NULL,
    changed_at BIGINT NOT NULL DEFAULT (floor(extract(epoch FROM clock_timestamp()) * 1000))
);
CREATE INDEX cache_changes_by_time ON cache_changes (changed_at);
