-- Each fingerprint names the node that stored it, so a node catching up on the others' recent fingerprints
-- reads theirs alone instead of every fingerprint of the last seconds, its own included.
ALTER TABLE fingerprints ADD COLUMN node TEXT;
