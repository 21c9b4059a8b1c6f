package org.parley.screening;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code reply_turns} table: who answered whom, when, how hostile. */
final class TurnRepository {

    record Turn(String commentId, String authorId, Optional<String> parentId, Optional<String> parentAuthorId,
                long at, double hostility) {

        Turn withHostility(double changed) {
            return new Turn(commentId, authorId, parentId, parentAuthorId, at, changed);
        }
    }

    void insert(Handle h, String siteId, String pageKey, Turn t) {
        h.createUpdate("""
                        INSERT INTO reply_turns (comment_id, site_id, page_key, author_id, parent_id, parent_author_id,
                                                 created_at, hostility)
                        VALUES (:comment, :site, :page, :author, :parent, :parentAuthor, :at, :hostility)""")
                .bind("comment", t.commentId())
                .bind("site", siteId)
                .bind("page", pageKey)
                .bind("author", t.authorId())
                .bind("parent", t.parentId().orElse(null))
                .bind("parentAuthor", t.parentAuthorId().orElse(null))
                .bind("at", t.at())
                .bind("hostility", t.hostility())
                .execute();
    }

    /** Re-scores a turn whose comment its author edited. */
    void updateHostility(Handle h, String commentId, double hostility) {
        h.createUpdate("UPDATE reply_turns SET hostility = :hostility WHERE comment_id = :comment")
                .bind("comment", commentId)
                .bind("hostility", hostility)
                .execute();
    }

    Optional<Turn> find(Handle h, String commentId) {
        return h.createQuery("""
                        SELECT comment_id, author_id, parent_id, parent_author_id, created_at, hostility
                        FROM reply_turns WHERE comment_id = :comment""")
                .bind("comment", commentId)
                .map((rs, ctx) -> new Turn(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), rs.getLong(5), rs.getDouble(6)))
                .findOne();
    }
}
