-- Indexes a bulk write (a big import) left out while it inserted, with how to build each again. The index is dropped
-- in the transaction that adds its row here and built again in the one that deletes it, so a run that stops half-way
-- leaves the row, and the next opening of the database builds the index.
CREATE TABLE deferred_indexes (
    name        TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,              -- the CREATE INDEX statement SQLite kept for it
    deferred_at BIGINT NOT NULL             -- epoch milliseconds
);
