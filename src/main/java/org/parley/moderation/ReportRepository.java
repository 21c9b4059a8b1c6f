package org.parley.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.comments.CommentId;
import org.parley.identity.ReaderId;
import org.parley.identity.Voice;
import org.parley.identity.Voices;
import org.parley.sites.SiteId;

/** SQL for the {@code reports} table. */
final class ReportRepository {

    /**
     * Stores the report with where the comment is (for section moderators' queues) and who wrote it
     * (for their record); false when this reader already reported this comment.
     */
    boolean insert(Handle h, Report report, ReaderId author, String page, java.util.Optional<String> section, Voice voice) {
        return h.createUpdate("""
                        INSERT INTO reports (id, comment_id, site_id, reporter_id, author_id, page_key, section, reason, note,
                                             network, delegation, newcomer, created_at)
                        VALUES (:id, :comment, :site, :reporter, :author, :page, :section, :reason, :note, :network, :delegation,
                                :newcomer, :at)
                        ON CONFLICT (comment_id, reporter_id) DO NOTHING""")
                .bind("network", voice.network())
                .bind("delegation", voice.delegation())
                .bind("newcomer", voice.newcomer())
                .bind("page", page)
                .bind("section", section.orElse(null))
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

    /**
     * Comments with unresolved reports within the scopes (all when empty), by their oldest open report,
     * after {@code after} (the last comment of the previous page).
     */
    List<CommentId> openComments(Handle h, List<org.parley.comments.ReviewScope> scopes, java.util.Optional<CommentId> after,
                                 int limit) {
        List<String> where = new java.util.ArrayList<>(List.of("resolved_at IS NULL"));
        List<Object> args = new java.util.ArrayList<>();
        if (!scopes.isEmpty()) {
            List<String> any = new java.util.ArrayList<>();
            for (var scope : scopes) {
                any.add(scope.section().isPresent() ? "(site_id = ? AND section = ?)" : "site_id = ?");
                args.add(scope.site().value());
                scope.section().ifPresent(args::add);
            }
            where.add("(" + String.join(" OR ", any) + ")");
        }
        String having = "";
        if (after.isPresent()) {
            // Where the previous page ended: that comment's oldest report (open ones, or any if resolved since).
            having = " HAVING MIN(created_at) > ? OR (MIN(created_at) = ? AND comment_id > ?)";
            long first = h.createQuery("""
                            SELECT COALESCE(MIN(CASE WHEN resolved_at IS NULL THEN created_at END), MIN(created_at), 0)
                            FROM reports WHERE comment_id = :id""")
                    .bind("id", after.get().value()).mapTo(Long.class).one();
            args.add(first);
            args.add(first);
            args.add(after.get().value());
        }
        var query = h.createQuery("SELECT comment_id FROM reports WHERE " + String.join(" AND ", where)
                + " GROUP BY comment_id" + having + " ORDER BY MIN(created_at), comment_id LIMIT " + limit);
        for (int i = 0; i < args.size(); i++) {
            query.bind(i, args.get(i));
        }
        return query.map((rs, ctx) -> new CommentId(rs.getString(1))).list();
    }

    /** How the unresolved reports of each of the given comments add up (see {@link #voices}). */
    Map<String, Voices> openVoices(Handle h, List<CommentId> comments) {
        return voices(h, comments, "resolved_at IS NULL AND ");
    }

    /** How all reports of each of the given comments add up, resolved or not (see {@link #voices}). */
    Map<String, Voices> allVoices(Handle h, List<CommentId> comments) {
        return voices(h, comments, "");
    }

    /**
     * Reports per comment as they count — each established reader's, and brand-new readers' once per household
     * and at most {@value Voice#MOST_PER_DELEGATION} times per delegation — with how many were filed and how many
     * came from the busiest delegation. Counted per delegation, then summed.
     */
    private static Map<String, Voices> voices(Handle h, List<CommentId> comments, String condition) {
        Map<String, Voices> voices = new HashMap<>();
        if (comments.isEmpty()) {
            return voices;
        }
        h.createQuery("SELECT comment_id, delegation IS NOT NULL, COUNT(*), COUNT(CASE WHEN NOT newcomer THEN 1 END),"
                        + " COUNT(DISTINCT CASE WHEN newcomer THEN network END) FROM reports WHERE " + condition
                        + "comment_id IN (<ids>) GROUP BY comment_id, delegation")
                .bindList("ids", comments.stream().map(CommentId::value).toList())
                .map((rs, ctx) -> Map.entry(rs.getString(1), Voices.ofNetwork(rs.getBoolean(2), rs.getInt(3),
                        rs.getInt(4) + Voice.counted(rs.getInt(5)))))
                .forEach(group -> voices.merge(group.getKey(), group.getValue(), Voices::plus));
        return voices;
    }

    /**
     * Reports against an author's comments on a site, as they count: brand-new reporters once per comment and
     * household, at most {@value Voice#MOST_PER_DELEGATION} times per comment and delegation.
     */
    int againstAuthor(Handle h, SiteId site, ReaderId author) {
        return h.createQuery("""
                        SELECT COALESCE(SUM(established + CASE WHEN fresh > %d THEN %d ELSE fresh END), 0) FROM (
                            SELECT COUNT(CASE WHEN NOT newcomer THEN 1 END) AS established,
                                   COUNT(DISTINCT CASE WHEN newcomer THEN network END) AS fresh
                            FROM reports WHERE site_id = :site AND author_id = :author
                            GROUP BY comment_id, delegation) per_delegation"""
                        .formatted(Voice.MOST_PER_DELEGATION, Voice.MOST_PER_DELEGATION))
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
                new ReaderId(rs.getString("reporter_id")), ReportReason.parse(rs.getString("reason")).orElse(ReportReason.OTHER),
                Optional.ofNullable(rs.getString("note")), Instant.ofEpochMilli(rs.getLong("created_at")), resolvedAt);
    }

    /** Reports still open that arrived since {@code since}, per site. */
    Map<SiteId, Integer> openSince(Handle h, Instant since) {
        Map<SiteId, Integer> out = new HashMap<>();
        h.createQuery("SELECT site_id, COUNT(*) FROM reports WHERE resolved_at IS NULL AND created_at >= :since GROUP BY site_id")
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(new SiteId(rs.getString(1)), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
