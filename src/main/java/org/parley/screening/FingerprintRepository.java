package org.parley.screening;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code fingerprints} table. */
final class FingerprintRepository {

    record Fingerprint(String commentId, String authorId, long simhash, long at) {
    }

    /** Stores a fingerprint taken by {@code node} (the process storing it). */
    void insert(Handle h, SiteId site, Fingerprint f, String node) {
        h.createUpdate("""
                        INSERT INTO fingerprints (comment_id, site_id, author_id, simhash, created_at, node)
                        VALUES (:comment, :site, :author, :simhash, :at, :node)""")
                .bind("node", node)
                .bind("comment", f.commentId())
                .bind("site", site.value())
                .bind("author", f.authorId())
                .bind("simhash", f.simhash())
                .bind("at", f.at())
                .execute();
    }

    /** Removes a comment's fingerprint: its author edited the text it was taken from. */
    void remove(Handle h, String commentId) {
        h.createUpdate("DELETE FROM fingerprints WHERE comment_id = :comment").bind("comment", commentId).execute();
    }

    /** The site's newest fingerprints taken at or after {@code since}, newest first. */
    List<Fingerprint> since(Handle h, SiteId site, Instant since, int limit) {
        return since(h, site, since, limit, "");
    }

    /** As {@link #since}, leaving out those {@code node} stored (a node reading what the others stored). */
    List<Fingerprint> since(Handle h, SiteId site, Instant since, int limit, String node) {
        return h.createQuery("""
                        SELECT comment_id, author_id, simhash, created_at FROM fingerprints
                        WHERE site_id = :site AND created_at >= :since AND (node IS NULL OR node <> :node)
                        ORDER BY created_at DESC LIMIT :limit""")
                .bind("node", node)
                .bind("site", site.value())
                .bind("since", since.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> new Fingerprint(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }
}
