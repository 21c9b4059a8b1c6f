package org.parley.store;

import java.time.Clock;
import java.util.Arrays;

/**
 * Token buckets in the {@code allowances} table, shared by every node on the database. A take is one
 * statement: the {@code parley_take_allowance} function refills the bucket for the time passed and takes
 * from it under the row's lock, so concurrent takes on any node never overdraw it. Inside a write
 * transaction it joins that transaction (a post that fails takes nothing); alone it commits without
 * waiting for the disk, since a take lost in a crash only gives a little allowance back. Rows whose buckets
 * are full again are deleted by {@link #forgetFull}.
 */
final class TableTokenBuckets implements TokenBuckets {

    private final Database db;
    private final Clock clock;
    private final String namespace;

    TableTokenBuckets(Database db, Clock clock, String namespace) {
        this.db = db;
        this.clock = clock;
        this.namespace = namespace + '|';
    }

    @Override
    public long take(String key, int[] counts, long[] windowMillis) {
        return db.writeWithoutFlush(h -> h.createQuery(
                        "SELECT parley_take_allowance(:bucket, CAST(:counts AS integer[]), CAST(:windows AS bigint[]), :now, 1)")
                .bind("bucket", namespace + key)
                .bindArray("counts", Integer.class, Arrays.stream(counts).boxed().toArray())
                .bindArray("windows", Long.class, Arrays.stream(windowMillis).boxed().toArray())
                .bind("now", clock.millis())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void giveBack(String key) {
        db.writeWithoutFlush(h -> h.createQuery("SELECT parley_take_allowance(:bucket, NULL, NULL, :now, -1)")
                .bind("bucket", namespace + key)
                .bind("now", clock.millis())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void forget(String key) {
        db.write(h -> h.createUpdate("DELETE FROM allowances WHERE bucket = :bucket").bind("bucket", namespace + key).execute());
    }

    /** Deletes buckets that are full again (a missing bucket is a full one); returns how many. */
    static int forgetFull(Database db, Clock clock) {
        return db.write(h -> h.createUpdate("DELETE FROM allowances WHERE full_at < :now").bind("now", clock.millis()).execute());
    }
}
