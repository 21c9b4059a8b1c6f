package org.parley.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.comments.CommentId;
import org.parley.identity.GuestId;
import org.parley.sites.SiteId;

/** SQL for the {@code reports} table. */
final class ReportRepository {

    /** Stores the report; false when this reader already reported this comment. */
    boolean insert(Handle h, Report report, GuestId author) {
        return h.createUpdate("""
                        INSERT INTO reports (id, comment_id, site_id, reporter_id, author_id, reason, note, created_at)
                        VALUES (:id, :comment, :site, :reporter, :author, :reason, :note, :at)
                        ON CONFLICT (comment_id, reporter_id) DO NOTHING""")
                .bind("id", report.id())
                .bind("comment", report.comment().value())
                .bind("site", report.site().value())
                .bind("reporter", report.reporter().value())
                .bind("author", author.value())
                .bind("reason", report.reason().apiName())
                .bind("note", report.note().orElse(null))
                .bind("at", report.at().toEpochMilli())
                .execute() > 0;
    }

    List<Report> forComment(Handle h, CommentId comment) {
        return h.createQuery("SELECT * FROM reports WHERE comment_id = :comment ORDER BY created_at, id")
                .bind("comment", comment.value())
                .map((rs, ctx) -> report(rs))
                .list();
    }

    /** Comments with unresolved reports on the given sites (all when empty), oldest report first. */
    List<CommentId> openComments(Handle h, List<SiteId> sites, int limit) {
        String where = sites.isEmpty() ? "" : " AND site_id IN (<sites>)";
        var query = h.createQuery("""
                        SELECT comment_id, MIN(created_at) AS first FROM reports WHERE resolved_at IS NULL""" + where + """
                         GROUP BY comment_id ORDER BY first, comment_id LIMIT :limit""")
                .bind("limit", limit);
        if (!sites.isEmpty()) {
            query.bindList("sites", sites.stream().map(SiteId::value).toList());
        }
        return query.map((rs, ctx) -> new CommentId(rs.getString(1))).list();
    }

    /** Unresolved reports per comment, for the given comments. */
    java.util.Map<String, Integer> openCounts(Handle h, List<CommentId> comments) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        if (comments.isEmpty()) {
            return counts;
        }
        h.createQuery("""
                        SELECT comment_id, COUNT(*) FROM reports WHERE resolved_at IS NULL AND comment_id IN (<ids>)
                        GROUP BY comment_id""")
                .bindList("ids", comments.stream().map(CommentId::value).toList())
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Reports against an author's comments on a site. */
    int againstAuthor(Handle h, SiteId site, GuestId author) {
        return h.createQuery("SELECT COUNT(*) FROM reports WHERE site_id = :site AND author_id = :author")
                .bind("site", site.value())
                .bind("author", author.value())
                .mapTo(Integer.class)
                .one();
    }

    int resolve(Handle h, CommentId comment, String by, Instant now) {
        return h.createUpdate("UPDATE reports SET resolved_at = :now, resolved_by = :by WHERE comment_id = :comment AND resolved_at IS NULL")
                .bind("comment", comment.value())
                .bind("by", by)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private static Report report(ResultSet rs) throws SQLException {
        long resolved = rs.getLong("resolved_at");
        Optional<Instant> resolvedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(resolved));
        return new Report(rs.getString("id"), new CommentId(rs.getString("comment_id")), new SiteId(rs.getString("site_id")),
                new GuestId(rs.getString("reporter_id")), ReportReason.parse(rs.getString("reason")).orElse(ReportReason.OTHER),
                Optional.ofNullable(rs.getString("note")), Instant.ofEpochMilli(rs.getLong("created_at")), resolvedAt);
    }
}
