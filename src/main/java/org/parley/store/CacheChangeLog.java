package org.parley.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for {@code cache_changes}. On PostgreSQL each row carries the id of the transaction that wrote it,
 * and a reader asks for the rows of every transaction that had not finished when it last read (the
 * snapshot's {@code xmin}), so a transaction that commits after others with higher row ids is still seen.
 * On SQLite transactions commit one at a time, in the order of their row ids.
 */
final class CacheChangeLog {

    /** One change: which entry, which process made it, and (PostgreSQL) its transaction's id. */
    record Change(long id, long tx, String cache, String key, String node) {
    }

    /** The topic other processes are woken with when changes commit. */
    static final String SIGNAL = "cache";

    private final Vendor vendor;
    /** PostgreSQL: where the row's insert also signals other processes (PostgreSQL folds repeats within one transaction). */
    private final Optional<Notifications> signals;

    CacheChangeLog(Vendor vendor, Optional<Notifications> signals) {
        this.vendor = vendor;
        this.signals = signals;
    }

    void append(Handle h, String cache, String key, String node) {
        String sql = signals.isPresent()
                ? "INSERT INTO cache_changes (cache_name, cache_key, node) SELECT :cache, :key, :node FROM pg_notify(:channel, :signal)"
                : vendor == Vendor.POSTGRESQL
                ? "INSERT INTO cache_changes (cache_name, cache_key, node) VALUES (:cache, :key, :node)"
                : "INSERT INTO cache_changes (cache_name, cache_key, node, changed_at) VALUES (:cache, :key, :node, :at)";
        h.createUpdate(sql)
                .bind("cache", cache)
                .bind("key", key)
                .bind("node", node)
                .bind("at", System.currentTimeMillis())
                .bind("channel", signals.map(Notifications::channel).orElse(""))
                .bind("signal", signals.map(s -> s.payload(SIGNAL, "")).orElse(""))
                .execute();
    }

    /** The newest row id now; a reader starting here sees only what comes later. */
    long lastId(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(id), 0) FROM cache_changes").mapTo(Long.class).one();
    }

    /**
     * PostgreSQL: the oldest transaction still running in this read's snapshot; every transaction that
     * commits later has an id at least this.
     */
    long horizon(Handle h) {
        return h.createQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").mapTo(String.class)
                .map(Long::parseLong).one();
    }

    /** SQLite: rows after {@code afterId}, oldest first, at most {@code limit}. */
    List<Change> after(Handle h, long afterId, int limit) {
        return h.createQuery("SELECT id, cache_name, cache_key, node FROM cache_changes WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Change(rs.getLong(1), 0, rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** PostgreSQL: every row of transactions with an id at least {@code horizon}, oldest first, read a page at a time. */
    List<Change> allSince(Handle h, long horizon, int pageSize) {
        List<Change> all = new ArrayList<>();
        List<Change> page;
        long after = 0;
        do {
            page = since(h, horizon, after, pageSize);
            all.addAll(page);
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == pageSize);
        return all;
    }

    /** PostgreSQL: rows of transactions with an id at least {@code horizon}, after {@code afterId}, oldest first. */
    List<Change> since(Handle h, long horizon, long afterId, int limit) {
        return h.createQuery("""
                        SELECT id, tx::text, cache_name, cache_key, node FROM cache_changes
                        WHERE tx >= CAST(:horizon AS xid8) AND id > :after ORDER BY id LIMIT :limit""")
                .bind("horizon", Long.toString(horizon))
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Change(rs.getLong(1), Long.parseLong(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    int forgetOlderThan(Handle h, Duration age) {
        return h.createUpdate("DELETE FROM cache_changes WHERE changed_at < :before")
                .bind("before", System.currentTimeMillis() - age.toMillis())
                .execute();
    }
}
