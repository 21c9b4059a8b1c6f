package org.parley.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/** SQL for the {@code sanctions} table. */
final class SanctionRepository {

    void insert(Handle h, Sanction s) {
        h.createUpdate("""
                        INSERT INTO sanctions (id, site_id, section, guest_id, kind, message, starts_at, ends_at, created_by)
                        VALUES (:id, :site, :section, :guest, :kind, :message, :starts, :ends, :by)""")
                .bind("id", s.id())
                .bind("site", s.site().value())
                .bind("section", s.section().orElse(null))
                .bind("guest", s.commenter().value())
                .bind("kind", s.kind().apiName())
                .bind("message", s.message())
                .bind("starts", s.startsAt().toEpochMilli())
                .bind("ends", s.endsAt().map(Instant::toEpochMilli).orElse(null))
                .bind("by", s.createdBy())
                .execute();
    }

    /** Every sanction of a commenter on a site, newest first. */
    List<Sanction> of(Handle h, SiteId site, ReaderId commenter) {
        return h.createQuery("""
                        SELECT * FROM sanctions WHERE site_id = :site AND guest_id = :guest ORDER BY starts_at DESC, id DESC""")
                .bind("site", site.value())
                .bind("guest", commenter.value())
                .map((rs, ctx) -> sanction(rs))
                .list();
    }

    Optional<Sanction> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM sanctions WHERE id = :id").bind("id", id).map((rs, ctx) -> sanction(rs)).findOne();
    }

    void lift(Handle h, String id, String by, Instant now) {
        h.createUpdate("UPDATE sanctions SET lifted_at = :now, lifted_by = :by WHERE id = :id AND lifted_at IS NULL")
                .bind("id", id)
                .bind("by", by)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private static Sanction sanction(ResultSet rs) throws SQLException {
        long ends = rs.getLong("ends_at");
        Optional<Instant> endsAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ends));
        long lifted = rs.getLong("lifted_at");
        Optional<Instant> liftedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lifted));
        return new Sanction(rs.getString("id"), new SiteId(rs.getString("site_id")), Optional.ofNullable(rs.getString("section")),
                new ReaderId(rs.getString("guest_id")),
                SanctionKind.fromDb(rs.getString("kind")), rs.getString("message"), Instant.ofEpochMilli(rs.getLong("starts_at")),
                endsAt, rs.getString("created_by"), liftedAt);
    }

    /** Of {@code readers}, those a ban holds on across {@code site} at {@code at}, each with when its ban began. */
    Map<ReaderId, Instant> bannedSince(Handle h, SiteId site, Collection<ReaderId> readers, Instant at) {
        Map<ReaderId, Instant> out = new HashMap<>();
        if (readers.isEmpty()) {
            return out;
        }
        h.createQuery("""
                        SELECT guest_id, MIN(starts_at) FROM sanctions
                        WHERE site_id = :site AND guest_id IN (<readers>) AND kind = 'ban' AND lifted_at IS NULL
                          AND starts_at <= :at AND (ends_at IS NULL OR ends_at > :at)
                        GROUP BY guest_id""")
                .bind("site", site.value())
                .bindList("readers", readers.stream().map(ReaderId::value).toList())
                .bind("at", at.toEpochMilli())
                .map((rs, ctx) -> Map.entry(new ReaderId(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    boolean bannedAnywhere(Handle h, ReaderId reader, Instant at) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM sanctions WHERE guest_id = :reader AND kind = 'ban' AND lifted_at IS NULL
                          AND starts_at <= :at AND (ends_at IS NULL OR ends_at > :at)""")
                .bind("reader", reader.value())
                .bind("at", at.toEpochMilli())
                .mapTo(Integer.class)
                .one() > 0;
    }

    /** Each sanction of {@code site}, oldest first, handed to {@code out} as the rows stream in. */
    void onSite(Handle h, SiteId site, java.util.function.Consumer<Sanction> out) {
        h.createQuery("SELECT * FROM sanctions WHERE site_id = :site ORDER BY starts_at, id")
                .bind("site", site.value())
                .map((rs, ctx) -> sanction(rs))
                .forEach(out);
    }
}
