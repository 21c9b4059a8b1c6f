package org.parley.comments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code comment_revisions} table: the texts authors replaced by editing. */
final class RevisionRepository {

    /** Keeps the text an edit replaces as the comment's next revision. */
    void insert(Handle h, String commentId, Markdown replaced, CommentStatus status, boolean approved, Instant at) {
        h.createUpdate("""
                        INSERT INTO comment_revisions (comment_id, revision, markdown, status, approved, replaced_at)
                        SELECT :comment, COALESCE(MAX(revision), 0) + 1, :markdown, :status, :approved, :at
                        FROM comment_revisions WHERE comment_id = :comment""")
                .bind("comment", commentId)
                .bind("markdown", replaced.source())
                .bind("status", status.apiName())
                .bind("approved", approved)
                .bind("at", at.toEpochMilli())
                .execute();
    }

    /** The revisions of the given comments that have any, oldest first, by comment id. */
    Map<String, List<Revision>> forComments(Handle h, Collection<String> commentIds) {
        if (commentIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Revision>> found = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT comment_id, revision, markdown, status, approved, replaced_at FROM comment_revisions
                        WHERE comment_id IN (<ids>) ORDER BY comment_id, revision""")
                .bindList("ids", List.copyOf(commentIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Revision(rs.getInt(2), new Markdown(rs.getString(3)),
                        CommentStatus.fromDb(rs.getString(4)), rs.getBoolean(5), Instant.ofEpochMilli(rs.getLong(6)))))
                .forEach(entry -> found.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        return found;
    }

    /** How many times the comment's author replaced its text. */
    int count(Handle h, String commentId) {
        return h.createQuery("SELECT COUNT(*) FROM comment_revisions WHERE comment_id = :comment").bind("comment", commentId)
                .mapTo(Integer.class).one();
    }

    /** Erases a comment's earlier texts (its author deleted it). */
    void removeAll(Handle h, String commentId) {
        h.createUpdate("DELETE FROM comment_revisions WHERE comment_id = :comment").bind("comment", commentId).execute();
    }
}
