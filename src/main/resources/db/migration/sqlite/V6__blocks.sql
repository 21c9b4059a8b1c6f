-- A reader (blocker) never wants to see another reader's (blocked) comments again. Never shown to the blocked.
CREATE TABLE blocks (
    blocker_id TEXT NOT NULL,
    blocked_id TEXT NOT NULL,
    blocked_name TEXT,                           -- the name the blocked commenter showed, for the block list
    site_id    TEXT NOT NULL,                    -- where the block was made, for per-site signals
    created_at BIGINT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_by_blocked ON blocks (blocked_id, created_at);
