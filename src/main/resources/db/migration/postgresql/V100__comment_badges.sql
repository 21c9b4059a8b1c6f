-- Badges shown beside a comment's author, as they stood when it was posted (like author_name): space-separated
-- staff, subscriber, author (a staff member named in the page's byline). NULL: none.
ALTER TABLE comments ADD COLUMN author_badges TEXT;
