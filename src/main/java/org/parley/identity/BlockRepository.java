package org.parley.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code blocks} table. */
final class BlockRepository {

    /** Records the block unless it exists; returns whether it is new. */
    boolean insert(Handle h, ReaderId blocker, ReaderId blocked, Optional<String> name, SiteId site, Voice voice, Instant now) {
        return h.createUpdate("""
                        INSERT INTO blocks (blocker_id, blocked_id, blocked_name, site_id, network, delegation, newcomer, created_at)
                        VALUES (:blocker, :blocked, :name, :site, :network, :delegation, :newcomer, :now)
                        ON CONFLICT (blocker_id, blocked_id) DO NOTHING""")
                .bind("network", voice.network())
                .bind("delegation", voice.delegation())
                .bind("newcomer", voice.newcomer())
                .bind("blocker", blocker.value())
                .bind("blocked", blocked.value())
                .bind("name", name.orElse(null))
                .bind("site", site.value())
                .bind("now", now.toEpochMilli())
                .execute() > 0;
    }

    boolean delete(Handle h, ReaderId blocker, ReaderId blocked) {
        return h.createUpdate("DELETE FROM blocks WHERE blocker_id = :blocker AND blocked_id = :blocked")
                .bind("blocker", blocker.value())
                .bind("blocked", blocked.value())
                .execute() > 0;
    }

    List<Block> byBlocker(Handle h, ReaderId blocker) {
        return h.createQuery("""
                        SELECT blocked_id, blocked_name, created_at FROM blocks
                        WHERE blocker_id = :blocker ORDER BY created_at DESC, blocked_id""")
                .bind("blocker", blocker.value())
                .map((rs, ctx) -> new Block(new ReaderId(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
                        Instant.ofEpochMilli(rs.getLong(3))))
                .list();
    }

    /**
     * Readers who blocked {@code blocked} on {@code site} since {@code since}; newcomers once per household, at
     * most {@value Voice#MOST_PER_DELEGATION} per delegation.
     */
    int blockersSince(Handle h, ReaderId blocked, SiteId site, Instant since) {
        return h.createQuery("""
                        SELECT COALESCE(SUM(established + CASE WHEN fresh > %d THEN %d ELSE fresh END), 0) FROM (
                            SELECT COUNT(CASE WHEN NOT newcomer THEN 1 END) AS established,
                                   COUNT(DISTINCT CASE WHEN newcomer THEN network END) AS fresh
                            FROM blocks WHERE blocked_id = :blocked AND site_id = :site AND created_at >= :since
                            GROUP BY delegation) per_delegation""".formatted(Voice.MOST_PER_DELEGATION, Voice.MOST_PER_DELEGATION))
                .bind("blocked", blocked.value())
                .bind("site", site.value())
                .bind("since", since.toEpochMilli())
                .mapTo(Integer.class)
                .one();
    }

    /** Deletes the blocks {@code reader} made and those made against them; returns the blockers whose lists changed. */
    List<String> deleteAllOf(Handle h, ReaderId reader) {
        List<String> blockers = h.createQuery("SELECT DISTINCT blocker_id FROM blocks WHERE blocked_id = :reader")
                .bind("reader", reader.value())
                .mapTo(String.class)
                .list();
        h.createUpdate("DELETE FROM blocks WHERE blocker_id = :reader OR blocked_id = :reader").bind("reader", reader.value()).execute();
        return blockers;
    }

    /** Each block made on {@code site}, oldest first, handed to {@code out} as the rows stream in. */
    void onSite(Handle h, SiteId site, java.util.function.Consumer<SiteBlock> out) {
        h.createQuery("""
                        SELECT blocker_id, blocked_id, blocked_name, created_at FROM blocks
                        WHERE site_id = :site ORDER BY created_at, blocker_id, blocked_id""")
                .bind("site", site.value())
                .map((rs, ctx) -> new SiteBlock(new ReaderId(rs.getString(1)), new ReaderId(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4))))
                .forEach(out);
    }
}
