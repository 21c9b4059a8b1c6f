-- Indexes a bulk write left out on SQLite, with how to build each again (see the SQLite migration). PostgreSQL's
-- bulk writes leave no index out; the table is here so that both databases hold the same tables.
CREATE TABLE deferred_indexes (
    name        TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,
    deferred_at BIGINT NOT NULL
);
