-- Comment counts for a reader with blocks leave out the blocked commenters' published comments on the pages
-- asked (Comments.counts, up to 100 pages). SQLite answered that by reading, for each page, every published
-- comment there is through comments_by_status (0.5-0.7 s at a million comments without statistics, and with
-- some statistics too). With page and status beside the author in the index, the count seeks each blocked
-- commenter's published comments on each page, or at worst reads the blocked commenters' index entries alone.
-- Author first, not page: an index led by page_id could take thread reads off comments_by_page, which also
-- gives their order. Lookups by author alone (a commenter's record) use it as they used comments_by_author.
CREATE INDEX comments_by_author_page ON comments (author_id, page_id, status);
DROP INDEX comments_by_author;
