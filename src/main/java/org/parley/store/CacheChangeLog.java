package org.parley.store;

import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQL for {@code cache_changes} (PostgreSQL only). Times are the database's own clock, the same for every node. */
final class CacheChangeLog {

    record Change(long id, String cache, String key) {
    }

    private static final String NOW_MILLIS = "floor(extract(epoch FROM clock_timestamp()) * 1000)";

    void append(Handle h, String cache, String key, String node) {
        h.createUpdate("INSERT INTO cache_changes (cache_name, cache_key, node) VALUES (:cache, :key, :node)")
                .bind("cache", cache)
                .bind("key", key)
                .bind("node", node)
                .execute();
    }

    /** Other nodes' changes of the last {@code lookBack}, oldest first, at most {@code limit}. */
    List<Change> recent(Handle h, Duration lookBack, String node, int limit) {
        return h.createQuery("SELECT id, cache_name, cache_key FROM cache_changes WHERE changed_at > " + NOW_MILLIS
                        + " - :lookBack AND node <> :node ORDER BY id LIMIT :limit")
                .bind("lookBack", lookBack.toMillis())
                .bind("node", node)
                .bind("limit", limit)
                .map((rs, ctx) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    int forgetOlderThan(Handle h, Duration age) {
        return h.createUpdate("DELETE FROM cache_changes WHERE changed_at < " + NOW_MILLIS + " - :age")
                .bind("age", age.toMillis())
                .execute();
    }
}
