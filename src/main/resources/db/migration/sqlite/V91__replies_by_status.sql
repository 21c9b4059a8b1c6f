-- Published replies of one comment (an edit's answer, a deletion's placeholder): with parent_id alone in
-- the index, SQLite read the comment's replies through comments_by_status instead, every published
-- comment there is (half a second at a million). Both columns in one index make it the planner's choice
-- with statistics or without (PRAGMA optimize's sampled ones rate 'status = ?' as selective as 'author_id = ?');
-- it still serves lookups by parent_id alone.
CREATE INDEX comments_by_parent_status ON comments (parent_id, status);
DROP INDEX comments_by_parent;
