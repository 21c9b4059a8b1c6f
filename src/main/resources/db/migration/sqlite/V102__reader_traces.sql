-- Where readers wrote from, kept only as keyed hashes (HMAC with the installation's network secret) for a few weeks
-- (identity.traceDays), so a new guest or account writing from a banned reader's browser or network is shown to
-- moderators. A trace is a household network's pseudonym, or a browser: the guest token the widget kept there.
CREATE TABLE reader_traces (
    reader_id TEXT NOT NULL,
    trace     TEXT NOT NULL,
    seen_at   BIGINT NOT NULL,
    PRIMARY KEY (reader_id, trace)
);
CREATE INDEX reader_traces_by_trace ON reader_traces (trace, seen_at);
CREATE INDEX reader_traces_by_age ON reader_traces (seen_at);
