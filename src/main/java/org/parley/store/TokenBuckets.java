package org.parley.store;

import java.time.Clock;

/**
 * Token buckets by key, each holding one or more limits ({@code counts[i]} tokens refilled evenly over
 * {@code windowMillis[i]}); a take succeeds only when every limit has a token. Kept in this process's
 * memory, or — for nodes sharing a PostgreSQL database — in a table every node takes from, so no node
 * adds an allowance of its own. Thread-safe.
 */
public interface TokenBuckets {

    /**
     * Takes one token from {@code key}'s bucket (made full on first use, or when its limits differ from
     * those it was made with): 0 when granted, otherwise the milliseconds until it would be; nothing is
     * taken then.
     */
    long take(String key, int[] counts, long[] windowMillis);

    /** Puts one token back into {@code key}'s bucket, if it has one and is not full. */
    void giveBack(String key);

    /** Forgets {@code key}: its next take starts from a full bucket. */
    void forget(String key);

    /**
     * The buckets for {@code namespace} on {@code db}, reading time from {@code clock}: in memory on
     * SQLite (one serving process), at most {@code maxKeys} of them; in a shared table on PostgreSQL.
     */
    static TokenBuckets create(Database db, Clock clock, String namespace, int maxKeys) {
        return switch (db.vendor()) {
            case SQLITE -> new MemoryTokenBuckets(clock, maxKeys);
            case POSTGRESQL -> new TableTokenBuckets(db, clock, namespace);
        };
    }

    /** Deletes shared buckets that are full again, which are the same as none; returns how many. */
    static int forgetFull(Database db, Clock clock) {
        return db.vendor() == Vendor.POSTGRESQL ? TableTokenBuckets.forgetFull(db, clock) : 0;
    }
}
