-- A published comment that changes author (a guest's comments joining the account they signed in to, or a reader
-- who left and kept their comments under "deleted user") moves its count with it.
CREATE TRIGGER author_counts_on_author AFTER UPDATE OF author_id ON comments
WHEN OLD.author_id <> NEW.author_id AND OLD.status = 'published' AND NEW.status = 'published'
BEGIN
    UPDATE author_counts SET published = published - 1
    WHERE author_id = OLD.author_id AND site_id = (SELECT site_id FROM pages WHERE id = OLD.page_id);
    INSERT INTO author_counts (site_id, author_id, published)
    SELECT site_id, NEW.author_id, 1 FROM pages WHERE id = NEW.page_id
    ON CONFLICT (site_id, author_id) DO UPDATE SET published = author_counts.published + 1;
END;
