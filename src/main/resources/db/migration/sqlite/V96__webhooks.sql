-- Signed webhooks per site: the endpoints site admins register, the outbox of messages to send them, and
-- the log of every attempt. Times are epoch milliseconds.
CREATE TABLE webhook_endpoints (
    id             TEXT PRIMARY KEY,
    site_id        TEXT NOT NULL,
    url            TEXT NOT NULL,
    description    TEXT NOT NULL,
    events         TEXT NOT NULL,                -- event types, space-separated
    enabled        INTEGER NOT NULL,             -- 1 or 0
    secrets        TEXT NOT NULL,                -- signing secrets, newest first, space-separated
    older_until    BIGINT NOT NULL DEFAULT 0,    -- after a rotation, older secrets also sign until then
    created_at     BIGINT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX webhook_endpoints_by_site ON webhook_endpoints (site_id);

-- The outbox: one row per endpoint and event; the id is the webhook-id every attempt carries.
CREATE TABLE webhook_messages (
    id              TEXT PRIMARY KEY,
    endpoint_id     TEXT NOT NULL,
    event_key       TEXT NOT NULL,               -- what happened, once (several nodes may see the same event)
    type            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    state           TEXT NOT NULL,               -- pending | delivered | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until     BIGINT NOT NULL DEFAULT 0,   -- a sender holds the row until then
    lease_holder    TEXT NOT NULL DEFAULT '',
    UNIQUE (endpoint_id, event_key)
);
CREATE INDEX webhook_messages_due ON webhook_messages (state, next_attempt_at);

CREATE TABLE webhook_attempts (
    message_id      TEXT NOT NULL,
    attempt         INTEGER NOT NULL,
    endpoint_id     TEXT NOT NULL,
    type            TEXT NOT NULL,
    at              BIGINT NOT NULL,
    status_code     INTEGER NOT NULL,            -- 0: no HTTP answer
    duration_ms     BIGINT NOT NULL,
    error           TEXT NOT NULL,               -- '' when delivered
    next_attempt_at BIGINT NOT NULL,             -- 0: no further attempt
    PRIMARY KEY (message_id, attempt)
);
CREATE INDEX webhook_attempts_by_endpoint ON webhook_attempts (endpoint_id, at);
CREATE INDEX webhook_attempts_by_time ON webhook_attempts (at);
