-- Each commenter's published comments per site, read by screening on every post (is this a new commenter?).
-- Counting them from `comments` cost as much as the commenter ever wrote: thousands of rows, each a heap
-- fetch, for the most active. The trigger below keeps the count in the transaction of every change of a
-- comment's status, whoever makes it, so no writer can forget it; its row lock also orders concurrent
-- changes for one commenter.
CREATE TABLE author_counts (
    site_id   TEXT NOT NULL,
    author_id TEXT NOT NULL,
    published INTEGER NOT NULL,                   -- comments with status 'published' on the site's pages
    PRIMARY KEY (site_id, author_id)
);

INSERT INTO author_counts (site_id, author_id, published)
SELECT p.site_id, c.author_id, COUNT(*) FROM comments c JOIN pages p ON p.id = c.page_id
WHERE c.status = 'published'
GROUP BY p.site_id, c.author_id;

CREATE FUNCTION parley_count_published() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed comments%ROWTYPE;
    delta   INTEGER;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
        delta := -1;
    ELSE
        changed := NEW;
        delta := CASE WHEN NEW.status = 'published' THEN 1 ELSE -1 END;
    END IF;
    INSERT INTO author_counts (site_id, author_id, published)
    SELECT site_id, changed.author_id, delta FROM pages WHERE id = changed.page_id
    ON CONFLICT (site_id, author_id) DO UPDATE SET published = author_counts.published + EXCLUDED.published;
    RETURN NULL;
END
$$;

CREATE TRIGGER author_counts_on_insert AFTER INSERT ON comments
    FOR EACH ROW WHEN (NEW.status = 'published') EXECUTE FUNCTION parley_count_published();
CREATE TRIGGER author_counts_on_status AFTER UPDATE OF status ON comments
    FOR EACH ROW WHEN ((OLD.status = 'published') <> (NEW.status = 'published')) EXECUTE FUNCTION parley_count_published();
-- Parley keeps deleted comments' rows; this is for whatever removes one anyway.
CREATE TRIGGER author_counts_on_delete AFTER DELETE ON comments
    FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION parley_count_published();

-- Statistics for the planner now, not at autovacuum's next visit (or never, where autovacuum is off).
ANALYZE author_counts;
