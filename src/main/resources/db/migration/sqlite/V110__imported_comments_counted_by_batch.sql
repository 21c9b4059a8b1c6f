-- Where a comment came from when an import brought it (disqus, wordpress, …); NULL for one posted in Parley.
-- An import stores thousands of comments a second, and counting each in author_counts by the trigger took four
-- tenths of the time SQLite spent on it: an import adds its comments' counts itself, one row per author and page.
ALTER TABLE comments ADD COLUMN imported_from TEXT;

DROP TRIGGER author_counts_on_insert;
CREATE TRIGGER author_counts_on_insert AFTER INSERT ON comments
WHEN NEW.status = 'published' AND NEW.imported_from IS NULL
BEGIN
    INSERT INTO author_counts (site_id, author_id, published)
    SELECT site_id, NEW.author_id, 1 FROM pages WHERE id = NEW.page_id
    ON CONFLICT (site_id, author_id) DO UPDATE SET published = author_counts.published + 1;
END;
