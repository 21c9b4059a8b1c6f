-- Token buckets every node takes from (comment, upload, guest and sign-in allowances), so several nodes
-- grant together what one would. A bucket holds one or more limits: counts[i] tokens refilled evenly over
-- windows_ms[i]. A row whose buckets are all full again (full_at passed) is the same as no row, and is
-- deleted by housekeeping.
CREATE TABLE allowances (
    bucket      TEXT PRIMARY KEY,
    counts      INTEGER[] NOT NULL,
    windows_ms  BIGINT[] NOT NULL,
    tokens      DOUBLE PRECISION[] NOT NULL,
    refilled_at BIGINT NOT NULL,
    full_at     BIGINT NOT NULL
);
CREATE INDEX allowances_by_full_at ON allowances (full_at);

-- Takes p_amount tokens from every limit of the bucket (made full on first use, or anew when its limits
-- change), or none when one of them lacks it; a negative amount gives tokens back (NULL limits: only to a
-- bucket that exists). Returns 0 when granted, else the milliseconds until it would be. One call, under the
-- row's lock: concurrent takes from any node never overdraw a bucket.
CREATE FUNCTION parley_take_allowance(p_bucket TEXT, p_counts INTEGER[], p_windows BIGINT[], p_now BIGINT,
                                      p_amount INTEGER) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    b     allowances%ROWTYPE;
    t     DOUBLE PRECISION[];
    wait  BIGINT := 0;
    full_at_ms BIGINT := p_now;
BEGIN
    IF p_counts IS NOT NULL THEN
        INSERT INTO allowances (bucket, counts, windows_ms, tokens, refilled_at, full_at)
        VALUES (p_bucket, p_counts, p_windows, CAST(p_counts AS DOUBLE PRECISION[]), p_now, p_now)
        ON CONFLICT (bucket) DO NOTHING;
    END IF;
    SELECT * INTO b FROM allowances WHERE bucket = p_bucket FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    IF p_counts IS NOT NULL AND (b.counts IS DISTINCT FROM p_counts OR b.windows_ms IS DISTINCT FROM p_windows) THEN
        b.counts := p_counts;
        b.windows_ms := p_windows;
        b.tokens := CAST(p_counts AS DOUBLE PRECISION[]);
        b.refilled_at := p_now;
    END IF;
    t := b.tokens;
    FOR i IN 1 .. array_length(b.counts, 1) LOOP
        t[i] := LEAST(b.counts[i], t[i] + GREATEST(p_now - b.refilled_at, 0) * CAST(b.counts[i] AS DOUBLE PRECISION) / b.windows_ms[i]);
        IF t[i] < p_amount THEN
            wait := GREATEST(wait, CAST(CEIL((p_amount - t[i]) * b.windows_ms[i] / b.counts[i]) AS BIGINT));
        END IF;
    END LOOP;
    IF wait = 0 THEN
        FOR i IN 1 .. array_length(b.counts, 1) LOOP
            t[i] := LEAST(b.counts[i], t[i] - p_amount);
        END LOOP;
    END IF;
    FOR i IN 1 .. array_length(b.counts, 1) LOOP
        full_at_ms := GREATEST(full_at_ms, p_now + CAST(CEIL((b.counts[i] - t[i]) * b.windows_ms[i] / b.counts[i]) AS BIGINT));
    END LOOP;
    UPDATE allowances SET counts = b.counts, windows_ms = b.windows_ms, tokens = t,
                          refilled_at = GREATEST(b.refilled_at, p_now), full_at = full_at_ms
    WHERE bucket = p_bucket;
    RETURN wait;
END
$$;
