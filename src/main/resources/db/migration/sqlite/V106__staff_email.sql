-- Where a staff member gets alerts (reports or flags piling up on a site they moderate). NULL: none.
ALTER TABLE staff_users ADD COLUMN email TEXT;

-- Alerts sent, one per site per hour: whichever node notices first sends it.
CREATE TABLE moderator_alerts (
    site_id      TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    sent_at      BIGINT NOT NULL,
    PRIMARY KEY (site_id, window_start)
);
