-- Published replies of one comment (an edit's answer, a deletion's placeholder), found by one index on
-- both columns whatever the statistics say; it still serves lookups by parent_id alone. The twin of
-- SQLite's V91, where the old index lost to comments_by_status.
CREATE INDEX comments_by_parent_status ON comments (parent_id, status);
DROP INDEX comments_by_parent;

-- Statistics for the planner now, not at autovacuum's next visit (or never, where autovacuum is off).
ANALYZE comments;
