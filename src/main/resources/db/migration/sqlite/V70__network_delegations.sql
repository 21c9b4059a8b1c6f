-- One IPv6 customer holds many /64s (a /56 or a /48), so brand-new readers' votes, reports and blocks are
-- counted once per household (`network` now holds the pseudonym of the IPv4 address or the IPv6 /56) and at
-- most ten times per delegation: `delegation` is the pseudonym of the IPv4 address or the IPv6 /48, under the
-- same installation secret. No address is stored.
--
-- Rows from before count as their own delegation: for IPv4 that is exactly right (every reach of an IPv4
-- address is the address); an IPv6 row keeps its /64 as both, as it counted until now.
ALTER TABLE votes ADD COLUMN delegation TEXT;
UPDATE votes SET delegation = network WHERE network IS NOT NULL;
DROP INDEX votes_by_network;                                         -- votes are looked up by delegation now:
CREATE INDEX votes_by_delegation ON votes (comment_id, delegation);    -- how many of its households already count?
ALTER TABLE reports ADD COLUMN delegation TEXT;
UPDATE reports SET delegation = network WHERE network IS NOT NULL;
ALTER TABLE blocks ADD COLUMN delegation TEXT;
UPDATE blocks SET delegation = network WHERE network IS NOT NULL;
