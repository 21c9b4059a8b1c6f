-- Guests are cheap to make, so what they do is weighed by where it came from (issue 10). No address is
-- stored: `network` is an HMAC-SHA-256 (first 128 bits, hex) of the request's network — the IPv4 address,
-- or the IPv6 /64 prefix — under the secret below, which each installation makes for itself once.
CREATE TABLE identity_secrets (
    name       TEXT PRIMARY KEY,                  -- 'network': the key of network pseudonyms
    secret     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The network a guest was created from (NULL: made by Parley itself, e.g. the demo), and whether that
-- network had already made many guests in the hour before: such a guest shares its network's allowances.
ALTER TABLE guests ADD COLUMN network TEXT;
ALTER TABLE guests ADD COLUMN crowded BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX guests_by_network ON guests (network, created_at);

-- Where each vote, report and block came from, and whether its reader was brand-new on the site then:
-- brand-new readers on one network count once together. Rows from before have no network and count fully.
ALTER TABLE votes ADD COLUMN network TEXT;
ALTER TABLE votes ADD COLUMN newcomer BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX votes_by_network ON votes (comment_id, network);    -- is this network's vote already counted?
ALTER TABLE reports ADD COLUMN network TEXT;
ALTER TABLE reports ADD COLUMN newcomer BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE blocks ADD COLUMN network TEXT;
ALTER TABLE blocks ADD COLUMN newcomer BOOLEAN NOT NULL DEFAULT FALSE;
