-- Where imported pages, comments and authors came from: a re-import of the same export finds each here and
-- adds nothing. One row per thing brought in, by the site it went to and the id it had in its source.
CREATE TABLE import_sources (
    site_id     TEXT NOT NULL,
    source      TEXT NOT NULL,                   -- disqus | wordpress
    kind        TEXT NOT NULL,                   -- page | comment | author
    source_id   TEXT NOT NULL,                   -- the id in the export; an author's is a digest of their email or name
    parley_id   TEXT NOT NULL,                   -- the page, comment or reader it became
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (site_id, source, kind, source_id)
);
