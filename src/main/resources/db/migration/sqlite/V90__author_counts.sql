-- Each commenter's published comments per site, read by screening on every post (is this a new commenter?).
-- Counting them from `comments` cost as much as the commenter ever wrote, or, when SQLite read through
-- comments_by_status, as much as everyone ever published: half a second a post at a million comments.
-- The triggers below keep the count in the transaction of every change of a comment's status, whoever
-- makes it, so no writer can forget it.
CREATE TABLE author_counts (
    site_id   TEXT NOT NULL,
    author_id TEXT NOT NULL,
    published INTEGER NOT NULL,                   -- comments with status 'published' on the site's pages
    PRIMARY KEY (site_id, author_id)
) WITHOUT ROWID;

INSERT INTO author_counts (site_id, author_id, published)
SELECT p.site_id, c.author_id, COUNT(*) FROM comments c JOIN pages p ON p.id = c.page_id
WHERE c.status = 'published'
GROUP BY p.site_id, c.author_id;

CREATE TRIGGER author_counts_on_insert AFTER INSERT ON comments WHEN NEW.status = 'published'
BEGIN
    INSERT INTO author_counts (site_id, author_id, published)
    SELECT site_id, NEW.author_id, 1 FROM pages WHERE id = NEW.page_id
    ON CONFLICT (site_id, author_id) DO UPDATE SET published = author_counts.published + 1;
END;

CREATE TRIGGER author_counts_on_status AFTER UPDATE OF status ON comments
WHEN (OLD.status = 'published') <> (NEW.status = 'published')
BEGIN
    INSERT INTO author_counts (site_id, author_id, published)
    SELECT site_id, NEW.author_id, CASE WHEN NEW.status = 'published' THEN 1 ELSE -1 END FROM pages WHERE id = NEW.page_id
    ON CONFLICT (site_id, author_id) DO UPDATE SET published = author_counts.published + excluded.published;
END;

-- Parley keeps deleted comments' rows; this is for whatever removes one anyway.
CREATE TRIGGER author_counts_on_delete AFTER DELETE ON comments WHEN OLD.status = 'published'
BEGIN
    UPDATE author_counts SET published = published - 1
    WHERE author_id = OLD.author_id AND site_id = (SELECT site_id FROM pages WHERE id = OLD.page_id);
END;
