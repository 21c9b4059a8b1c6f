package org.parley.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.parley.sites.SiteId;

/**
 * SQL for the {@code import_sources} table (what each page, comment and author of an export became) and the
 * {@code import_screening} table (imported comments screening has not judged yet).
 */
final class ImportRepository {

    /** Source ids asked about per query, well below every database's limit on bound values. */
    private static final int CHUNK = 500;

    /** What the given source ids of {@code kind} became on {@code site}, for those imported before. */
    Map<String, String> find(Handle h, SiteId site, String source, String kind, Collection<String> sourceIds) {
        Map<String, String> found = new HashMap<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(sourceIds));
        for (int from = 0; from < ids.size(); from += CHUNK) {
            h.createQuery("""
                            SELECT source_id, parley_id FROM import_sources
                            WHERE site_id = :site AND source = :source AND kind = :kind AND source_id IN (<ids>)""")
                    .bind("site", site.value())
                    .bind("source", source)
                    .bind("kind", kind)
                    .bindList("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        }
        return found;
    }

    Optional<String> find(Handle h, SiteId site, String source, String kind, String sourceId) {
        return Optional.ofNullable(find(h, site, source, kind, List.of(sourceId)).get(sourceId));
    }

    /** Records what one source id of {@code kind} became, replacing what it became before. */
    void replace(Handle h, SiteId site, String source, String kind, String sourceId, String parleyId, Instant now) {
        h.createUpdate("""
                        INSERT INTO import_sources (site_id, source, kind, source_id, parley_id, imported_at)
                        VALUES (:site, :source, :kind, :sourceId, :parleyId, :now)
                        ON CONFLICT (site_id, source, kind, source_id) DO UPDATE
                        SET parley_id = excluded.parley_id, imported_at = excluded.imported_at""")
                .bind("site", site.value()).bind("source", source).bind("kind", kind)
                .bind("sourceId", sourceId).bind("parleyId", parleyId).bind("now", now.toEpochMilli())
                .execute();
    }

    /**
     * Records what each source id of {@code kind} became, where none may be recorded yet: a source id another
     * transaction recorded first (a second import of the same export running at once) fails this one, whole.
     */
    void claim(Handle h, SiteId site, String source, String kind, Map<String, String> became, Instant now) {
        if (became.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO import_sources (site_id, source, kind, source_id, parley_id, imported_at)
                VALUES (:site, :source, :kind, :sourceId, :parleyId, :now)""");
        for (Map.Entry<String, String> entry : became.entrySet()) {
            batch.bind("site", site.value()).bind("source", source).bind("kind", kind)
                    .bind("sourceId", entry.getKey()).bind("parleyId", entry.getValue()).bind("now", now.toEpochMilli())
                    .add();
        }
        try {
            batch.execute();
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (!duplicateKey(e)) {
                throw e;
            }
            throw new IllegalStateException("another import of the same export stored some of these comments at the same"
                    + " time; nothing of this page was written: run this import again once the other has finished", e);
        }
    }

    /** Forgets which archived authors became {@code reader} (digests of their email or name), on every site. */
    int forgetAuthor(Handle h, String reader) {
        return h.createUpdate("DELETE FROM import_sources WHERE kind = 'author' AND parley_id = :reader")
                .bind("reader", reader).execute();
    }

    /** True when {@code failure} is a unique key refusing a row (PostgreSQL 23505, SQLite's constraint error). */
    private static boolean duplicateKey(Throwable failure) {
        for (Throwable at = failure; at != null; at = at.getCause()) {
            for (java.sql.SQLException sql = at instanceof java.sql.SQLException s ? s : null; sql != null; sql = sql.getNextException()) {
                if ("23505".equals(sql.getSQLState()) || (sql.getMessage() != null && sql.getMessage().contains("SQLITE_CONSTRAINT"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Records what each source id of {@code kind} became; one already recorded keeps what it had. */
    void record(Handle h, SiteId site, String source, String kind, Map<String, String> became, Instant now) {
        if (became.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO import_sources (site_id, source, kind, source_id, parley_id, imported_at)
                VALUES (:site, :source, :kind, :sourceId, :parleyId, :now)
                ON CONFLICT (site_id, source, kind, source_id) DO NOTHING""");
        for (Map.Entry<String, String> entry : new ArrayList<>(became.entrySet())) {
            batch.bind("site", site.value()).bind("source", source).bind("kind", kind)
                    .bind("sourceId", entry.getKey()).bind("parleyId", entry.getValue()).bind("now", now.toEpochMilli())
                    .add();
        }
        batch.execute();
    }

    /** Adds comments just imported to those waiting for screening; one waiting already stays as it was. */
    void awaitScreening(Handle h, SiteId site, Collection<String> commentIds, Instant now) {
        if (commentIds.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO import_screening (comment_id, site_id, queued_at) VALUES (:id, :site, :now)
                ON CONFLICT (comment_id) DO NOTHING""");
        commentIds.forEach(id -> batch.bind("id", id).bind("site", site.value()).bind("now", now.toEpochMilli()).add());
        batch.execute();
    }

    /** Up to {@code limit} comments waiting for screening, first imported first. */
    List<String> awaitingScreening(Handle h, int limit) {
        return h.createQuery("SELECT comment_id FROM import_screening ORDER BY queued_at, comment_id LIMIT :limit")
                .bind("limit", limit).mapTo(String.class).list();
    }

    /** How many comments wait for screening. */
    long countAwaitingScreening(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM import_screening").mapTo(Long.class).one();
    }

    /** Takes screened comments off the waiting list. */
    void screened(Handle h, Collection<String> commentIds) {
        if (!commentIds.isEmpty()) {
            h.createUpdate("DELETE FROM import_screening WHERE comment_id IN (<ids>)").bindList("ids", List.copyOf(commentIds)).execute();
        }
    }
}
