-- Where a comment came from when an import brought it (disqus, wordpress, …); NULL for one posted in Parley.
-- An import stores thousands of comments a second, and counting each in author_counts by the trigger cost a
-- function call per row: an import adds its comments' counts itself, one row per author and page.
ALTER TABLE comments ADD COLUMN imported_from TEXT;

DROP TRIGGER author_counts_on_insert ON comments;
CREATE TRIGGER author_counts_on_insert AFTER INSERT ON comments
    FOR EACH ROW WHEN (NEW.status = 'published' AND NEW.imported_from IS NULL) EXECUTE FUNCTION parley_count_published();
