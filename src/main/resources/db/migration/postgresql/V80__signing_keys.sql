-- Keys that sign short-lived tokens (live tickets), shared by every node so a token one node issued is
-- accepted by all. One key per purpose and period (days since the epoch): a new period makes a new key,
-- and keys two periods old are deleted, so keys rotate without a restart.
CREATE TABLE signing_keys (
    purpose    TEXT NOT NULL,
    period     BIGINT NOT NULL,
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (purpose, period)
);
