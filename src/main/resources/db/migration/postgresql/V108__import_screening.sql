-- Published comments an import brought in that screening has not judged yet. The import adds each in the
-- transaction that stores it; a running Parley works the table off in the background (a leased job) and deletes
-- each row once the comment's reasons are kept, so a stopped run resumes where it was.
CREATE TABLE import_screening (
    comment_id TEXT PRIMARY KEY,            -- the comment it became
    site_id    TEXT NOT NULL,
    queued_at  BIGINT NOT NULL              -- epoch milliseconds of the import
);
