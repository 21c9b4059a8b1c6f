-- What moderation decided about each comment, kept with the comment it is about.
ALTER TABLE comments ADD COLUMN featured BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE comments ADD COLUMN review TEXT NOT NULL DEFAULT 'none';     -- none | open (a moderator should look) | done
ALTER TABLE comments ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';      -- JSON list of the screening's reasons
ALTER TABLE comments ADD COLUMN author_note TEXT;                        -- moderators' message to the author
CREATE INDEX comments_by_review ON comments (review, created_at);
CREATE INDEX comments_by_status ON comments (status, created_at);
