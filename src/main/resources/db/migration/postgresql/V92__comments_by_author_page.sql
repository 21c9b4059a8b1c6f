-- Comment counts for a reader with blocks leave out the blocked commenters' published comments on the pages
-- asked (Comments.counts, up to 100 pages): one seek per blocked commenter and page, whatever the statistics
-- say. The twin of SQLite's V92, where the count read every published comment there is through
-- comments_by_status. Lookups by author alone (a commenter's record) use it as they used comments_by_author.
CREATE INDEX comments_by_author_page ON comments (author_id, page_id, status);
DROP INDEX comments_by_author;

-- Statistics for the planner now, not at autovacuum's next visit (or never, where autovacuum is off).
ANALYZE comments;
