-- The texts an author replaced by editing a comment, so moderators can compare an edit with what was
-- there before, in particular with a text they approved. Erased with the comment when its author deletes it.
CREATE TABLE comment_revisions (
    comment_id  TEXT NOT NULL REFERENCES comments (id),
    revision    INTEGER NOT NULL,                 -- 1, 2, … in the order of the edits
    markdown    TEXT NOT NULL,                    -- the text as it read before this edit
    status      TEXT NOT NULL,                    -- the comment's status before this edit: published | pending
    approved    BOOLEAN NOT NULL,                 -- a moderator had approved that text
    replaced_at BIGINT NOT NULL,                  -- when the edit replaced it
    PRIMARY KEY (comment_id, revision)
);
