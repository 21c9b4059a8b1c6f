-- Background jobs run once across every process on the database, not once per node. A process runs a job
-- when it is due (finished_at older than its period) and nobody holds its lease; a process that dies
-- mid-job leaves a lease that runs out, and another takes the job over.
CREATE TABLE jobs (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL DEFAULT '',
    lease_until BIGINT NOT NULL DEFAULT 0,
    finished_at BIGINT NOT NULL DEFAULT 0
);
