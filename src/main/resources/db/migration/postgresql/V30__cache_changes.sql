-- Changes to what each Parley process keeps in memory, so every node (and every command run beside a
-- server) drops what another one's change made stale. Each row carries its transaction's id: a node reads
-- the rows of every transaction not yet finished at its last read, so one that commits late is still seen.
-- Rows live ten minutes.
CREATE TABLE cache_changes (
    id         BIGSERIAL PRIMARY KEY,
    tx         XID8 NOT NULL DEFAULT pg_current_xact_id(),
    cache_name TEXT NOT NULL,
    cache_key  TEXT NOT NULL,
    node       TEXT NOT NULL,
    changed_at BIGINT NOT NULL DEFAULT (floor(extract(epoch FROM clock_timestamp()) * 1000))
);
CREATE INDEX cache_changes_by_tx ON cache_changes (tx);
CREATE INDEX cache_changes_by_time ON cache_changes (changed_at);
