package org.parley.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/** SQL for {@code notification_settings}, {@code muted_pages} and {@code reply_notices}. */
final class NotifyRepository {

    /** A reply waiting for its recipient's daily digest. */
    record Pending(String commentId, ReaderId recipient, SiteId site, String summary) {
    }

    Optional<NotifySettings> settings(Handle h, ReaderId reader) {
        return h.createQuery("SELECT replies, digest FROM notification_settings WHERE reader_id = :reader")
                .bind("reader", reader.value())
                .map((rs, ctx) -> new NotifySettings(rs.getBoolean(1), rs.getBoolean(2)))
                .findOne();
    }

    void save(Handle h, ReaderId reader, NotifySettings settings, Instant now) {
        h.createUpdate("""
                        INSERT INTO notification_settings (reader_id, replies, digest, updated_at) VALUES (:reader, :replies, :digest, :now)
                        ON CONFLICT (reader_id) DO UPDATE SET replies = excluded.replies, digest = excluded.digest,
                                                              updated_at = excluded.updated_at""")
                .bind("reader", reader.value())
                .bind("replies", settings.replies())
                .bind("digest", settings.digest())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    boolean muted(Handle h, ReaderId reader, SiteId site, String pageKey) {
        return h.createQuery("SELECT COUNT(*) FROM muted_pages WHERE reader_id = :reader AND site_id = :site AND page_key = :page")
                .bind("reader", reader.value())
                .bind("site", site.value())
                .bind("page", pageKey)
                .mapTo(Integer.class)
                .one() > 0;
    }

    void mute(Handle h, ReaderId reader, SiteId site, String pageKey, boolean muted) {
        String sql = muted
                ? "INSERT INTO muted_pages (reader_id, site_id, page_key) VALUES (:reader, :site, :page) ON CONFLICT DO NOTHING"
                : "DELETE FROM muted_pages WHERE reader_id = :reader AND site_id = :site AND page_key = :page";
        h.createUpdate(sql).bind("reader", reader.value()).bind("site", site.value()).bind("page", pageKey).execute();
    }

    /** Claims the telling of a reply: true for the one caller (of any node) that writes its row first. */
    boolean claim(Handle h, String commentId, ReaderId recipient, SiteId site, String summary, boolean forDigest, Instant now) {
        return h.createUpdate("""
                        INSERT INTO reply_notices (comment_id, recipient_id, site_id, summary, for_digest, created_at)
                        VALUES (:comment, :recipient, :site, :summary, :digest, :now) ON CONFLICT (comment_id) DO NOTHING""")
                .bind("comment", commentId)
                .bind("recipient", recipient.value())
                .bind("site", site.value())
                .bind("summary", summary)
                .bind("digest", forDigest)
                .bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    List<Pending> pendingDigests(Handle h) {
        return h.createQuery("""
                        SELECT comment_id, recipient_id, site_id, summary FROM reply_notices
                        WHERE for_digest AND digest_sent_at IS NULL ORDER BY recipient_id, site_id, created_at""")
                .map((rs, ctx) -> new Pending(rs.getString(1), new ReaderId(rs.getString(2)), new SiteId(rs.getString(3)), rs.getString(4)))
                .list();
    }

    void digestSent(Handle h, List<String> commentIds, Instant now) {
        h.createUpdate("UPDATE reply_notices SET digest_sent_at = :now WHERE comment_id IN (<ids>)")
                .bindList("ids", commentIds)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    int forgetBefore(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM reply_notices WHERE created_at < :before AND (NOT for_digest OR digest_sent_at IS NOT NULL)")
                .bind("before", before.toEpochMilli())
                .execute();
    }

    void forgetReader(Handle h, ReaderId reader) {
        h.createUpdate("DELETE FROM notification_settings WHERE reader_id = :reader").bind("reader", reader.value()).execute();
        h.createUpdate("DELETE FROM muted_pages WHERE reader_id = :reader").bind("reader", reader.value()).execute();
        h.createUpdate("DELETE FROM reply_notices WHERE recipient_id = :reader").bind("reader", reader.value()).execute();
    }

    /** Claims the alert of {@code site} for the hour starting {@code windowStart}: true for the one caller that writes it. */
    boolean claimAlert(Handle h, SiteId site, Instant windowStart, Instant now) {
        return h.createUpdate("""
                        INSERT INTO moderator_alerts (site_id, window_start, sent_at) VALUES (:site, :window, :now)
                        ON CONFLICT (site_id, window_start) DO NOTHING""")
                .bind("site", site.value())
                .bind("window", windowStart.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    boolean anyWantsReplies(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM notification_settings WHERE replies").mapTo(Integer.class).one() > 0;
    }

    int mutes(Handle h, ReaderId reader) {
        return h.createQuery("SELECT COUNT(*) FROM muted_pages WHERE reader_id = :reader").bind("reader", reader.value())
                .mapTo(Integer.class).one();
    }
}
