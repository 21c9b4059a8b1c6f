-- The pre-submit nudge as a moderation metric: how often writers were asked to reconsider, and what they did.
CREATE TABLE nudges (
    site_id  TEXT NOT NULL,
    guest_id TEXT NOT NULL,
    outcome  TEXT NOT NULL,                       -- shown | edited | posted-anyway
    score    REAL,                                -- the abuse model's probability when shown
    at       BIGINT NOT NULL
);
CREATE INDEX nudges_by_site ON nudges (site_id, at);
