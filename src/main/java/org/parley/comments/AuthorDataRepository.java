package org.parley.comments;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** SQL for what one reader wrote and voted, read for their data export and changed when they leave. */
final class AuthorDataRepository {

    /** A comment of the reader's, as their export shows it. */
    List<Map<String, Object>> comments(Handle h, String authorId) {
        return h.createQuery("""
                        SELECT c.id, p.site_id, p.page_key, p.title, p.url, c.parent_id, c.author_name, c.markdown, c.status,
                               c.created_at, c.edited_at, c.up, c.down
                        FROM comments c JOIN pages p ON p.id = c.page_id
                        WHERE c.author_id = :author ORDER BY c.created_at, c.id""")
                .bind("author", authorId)
                .map((rs, ctx) -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("id", rs.getString("id"));
                    out.put("site", rs.getString("site_id"));
                    out.put("page", rs.getString("page_key"));
                    out.put("pageTitle", rs.getString("title"));
                    out.put("pageUrl", rs.getString("url"));
                    out.put("parentId", rs.getString("parent_id"));
                    out.put("name", rs.getString("author_name"));
                    out.put("markdown", rs.getString("markdown"));
                    out.put("status", CommentStatus.fromDb(rs.getString("status")).apiName());
                    out.put("createdAt", Instant.ofEpochMilli(rs.getLong("created_at")).toString());
                    long edited = rs.getLong("edited_at");
                    out.put("editedAt", rs.wasNull() ? null : Instant.ofEpochMilli(edited).toString());
                    out.put("up", rs.getInt("up"));
                    out.put("down", rs.getInt("down"));
                    return out;
                })
                .list();
    }

    List<Map<String, Object>> votes(Handle h, String voterId) {
        return h.createQuery("SELECT comment_id, value, voted_at FROM votes WHERE voter_id = :voter ORDER BY voted_at")
                .bind("voter", voterId)
                .map((rs, ctx) -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("commentId", rs.getString(1));
                    out.put("value", rs.getInt(2));
                    out.put("votedAt", Instant.ofEpochMilli(rs.getLong(3)).toString());
                    return out;
                })
                .list();
    }

    /** The reader's comments that still show something: id, page, and whether readers see it. */
    record Shown(String id, PageId pageId, boolean published) {
    }

    List<Shown> notDeleted(Handle h, String authorId) {
        return h.createQuery("SELECT id, page_id, status FROM comments WHERE author_id = :author AND status <> 'deleted'")
                .bind("author", authorId)
                .map((rs, ctx) -> new Shown(rs.getString(1), new PageId(rs.getString(2)),
                        CommentStatus.fromDb(rs.getString(3)) == CommentStatus.PUBLISHED))
                .list();
    }

    /** Gives the reader's comments to {@code newAuthor}, shown under {@code name} with no badges; returns how many. */
    int reassign(Handle h, String authorId, String newAuthor, String name) {
        return h.createUpdate("""
                        UPDATE comments SET author_id = :to, author_name = :name, author_badges = NULL
                        WHERE author_id = :from AND status <> 'deleted'""")
                .bind("from", authorId)
                .bind("to", newAuthor)
                .bind("name", name)
                .execute();
    }

    void reassignVotes(Handle h, String voterId, String newVoter) {
        h.createUpdate("UPDATE votes SET voter_id = :to WHERE voter_id = :from").bind("from", voterId).bind("to", newVoter).execute();
    }
}
