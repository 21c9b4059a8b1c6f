-- Images in comments (media feature). One row per image id: the SHA-256 of the stored renditions, so the
-- same picture is stored once however often it is uploaded. Only re-encodings are kept, never the upload.
-- Times are epoch milliseconds (UTC). Small columns first, so reading them never walks the blobs.
CREATE TABLE images (
    id             TEXT PRIMARY KEY,            -- 64 lowercase hex characters
    format         TEXT NOT NULL,               -- jpeg | png: both variants, and their Content-Type
    width          INTEGER NOT NULL,            -- the upload's pixels, upright
    height         INTEGER NOT NULL,
    display_width  INTEGER NOT NULL,
    display_height INTEGER NOT NULL,
    thumb_width    INTEGER NOT NULL,
    thumb_height   INTEGER NOT NULL,
    created_at     BIGINT NOT NULL,
    uploaded_at    BIGINT NOT NULL,             -- the latest upload of these bytes; unreferenced sweeps spare recent ones
    thumb_bytes    BYTEA NOT NULL,
    display_bytes  BYTEA NOT NULL
);
CREATE INDEX images_by_upload ON images (uploaded_at);
