-- Images in comments. Each site says how many images a comment may carry and how large an upload may be;
-- the server's media limits cap these.
ALTER TABLE sites ADD COLUMN images_per_comment INTEGER NOT NULL DEFAULT 4;
ALTER TABLE sites ADD COLUMN max_image_bytes BIGINT NOT NULL DEFAULT 5242880;
ALTER TABLE sites ADD COLUMN max_image_pixels BIGINT NOT NULL DEFAULT 40000000;

-- Which images a comment shows, in order, with the alt text its author wrote. The sizes are copied from
-- the image when attached, so a thread is read without touching the images table. No foreign key to
-- images: the media feature owns that table and deletes an image only once no row here names it.
CREATE TABLE comment_images (
    comment_id     TEXT NOT NULL REFERENCES comments (id),
    position       INTEGER NOT NULL,             -- 0, 1, … in the order the author attached them
    image_id       TEXT NOT NULL,                -- 64 hex characters (images.id)
    alt            TEXT NOT NULL,                -- may be empty: the widget then names the author instead
    display_width  INTEGER NOT NULL,
    display_height INTEGER NOT NULL,
    thumb_width    INTEGER NOT NULL,
    thumb_height   INTEGER NOT NULL,
    PRIMARY KEY (comment_id, position)
);
CREATE INDEX comment_images_by_image ON comment_images (image_id);
