package org.parley.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.parley.sites.SiteId;

/** SQL for the {@code audit_log} table: insert and select only; the database refuses updates and deletes. */
final class AuditRepository {

    void append(Handle h, AuditEntry e) {
        h.createUpdate("""
                        INSERT INTO audit_log (id, at, actor_id, actor_name, site_id, action, target_kind, target_id,
                                               subject_id, reason, before_json, after_json)
                        VALUES (:id, :at, :actorId, :actorName, :site, :action, :targetKind, :targetId, :subject, :reason,
                                :before, :after)""")
                .bind("id", e.id())
                .bind("at", e.at().toEpochMilli())
                .bind("actorId", e.actorId())
                .bind("actorName", e.actorName())
                .bind("site", e.site().value())
                .bind("action", e.action())
                .bind("targetKind", e.targetKind())
                .bind("targetId", e.targetId())
                .bind("subject", e.subject().orElse(null))
                .bind("reason", e.reason().orElse(null))
                .bind("before", e.before().orElse(null))
                .bind("after", e.after().orElse(null))
                .execute();
    }

    List<AuditEntry> find(Handle h, AuditQuery q) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!q.sites().isEmpty()) {
            where.add("site_id IN (" + "?,".repeat(q.sites().size()).replaceAll(",$", "") + ")");
            q.sites().forEach(site -> args.add(site.value()));
        }
        q.action().ifPresent(action -> {
            where.add("action = ?");
            args.add(action);
        });
        q.actor().ifPresent(actor -> {
            where.add("(actor_name = ? OR actor_id = ?)");
            args.add(actor);
            args.add(actor);
        });
        q.target().ifPresent(target -> {
            // The target, or everything done about a commenter and their comments.
            where.add("(target_id = ? OR subject_id = ?)");
            args.add(target);
            args.add(target);
        });
        q.from().ifPresent(from -> {
            where.add("at >= ?");
            args.add(from.toEpochMilli());
        });
        q.to().ifPresent(to -> {
            where.add("at < ?");
            args.add(to.toEpochMilli());
        });
        q.before().ifPresent(id -> {
            where.add("id < ?");
            args.add(id);
        });
        String sql = "SELECT * FROM audit_log" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT " + q.limit();
        Query select = h.createQuery(sql);
        for (int i = 0; i < args.size(); i++) {
            select.bind(i, args.get(i));
        }
        return select.map((rs, ctx) -> entry(rs)).list();
    }

    /** Each audit entry of {@code site}, oldest first, handed to {@code out} as the rows stream in. */
    void onSite(Handle h, SiteId site, java.util.function.Consumer<AuditEntry> out) {
        h.createQuery("SELECT * FROM audit_log WHERE site_id = :site ORDER BY at, id")
                .bind("site", site.value())
                .map((rs, ctx) -> entry(rs))
                .forEach(out);
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor_id"),
                rs.getString("actor_name"), new SiteId(rs.getString("site_id")), rs.getString("action"),
                rs.getString("target_kind"), rs.getString("target_id"), Optional.ofNullable(rs.getString("subject_id")),
                Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("before_json")), Optional.ofNullable(rs.getString("after_json")));
    }
}
