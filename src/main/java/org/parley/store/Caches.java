package org.parley.store;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What features keep in memory, in one mechanism: bounded caches of values built from the database
 * ({@link SharedCache}), and one way to say that a value went stale. A feature that changes what an
 * entry is built from calls {@link SharedCache#changed} inside its write transaction; when that commits,
 * the entry is dropped on this node at once, and on every other node of the same PostgreSQL database
 * within about a second: the change is also written to {@code cache_changes}, which each node reads every
 * {@link #SYNC_EVERY}. SQLite serves one node, so there nothing is written or read. Thread-safe.
 */
public final class Caches implements AutoCloseable {

    static final Duration SYNC_EVERY = Duration.ofMillis(500);
    /** Each read looks this far back, longer than any write transaction lasts, so one that commits late is still seen. */
    static final Duration LOOK_BACK = Duration.ofMinutes(1);
    /** Rows older than this are deleted; nodes only ever read the last {@link #LOOK_BACK}. */
    static final Duration KEEP = Duration.ofMinutes(10);
    /** More changes than this in one look-back and a node drops everything instead of reading them all. */
    static final int MAX_READ = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(Caches.class);

    private final Database db;
    private final boolean severalNodes;
    private final String node = UUID.randomUUID().toString();
    private final CacheChangeLog log = new CacheChangeLog();
    /** Every cache made, by name; two with one name (two doors on one database, in tests) are dropped together. */
    private final List<SharedCache<?>> all = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sync;
    /** Changes of other nodes already applied, among those the last read returned. */
    private Set<Long> applied = Set.of();
    private long lastSyncNanos = System.nanoTime();
    private long syncs;

    Caches(Database db, boolean severalNodes) {
        this.db = db;
        this.severalNodes = severalNodes;
        this.sync = severalNodes ? Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("parley-cache-sync").daemon().factory()) : null;
    }

    /**
     * A new cache of at most {@code maxEntries} values, the least used dropped first. {@code loader} builds
     * the value of a key from the database through the handle it is given (never null: use
     * {@code Optional} for "nothing there"). The name is what other nodes are told when an entry changes.
     */
    public <V> SharedCache<V> cache(String name, long maxEntries, BiFunction<Handle, String, V> loader) {
        SharedCache<V> cache = new SharedCache<>(name, maxEntries, db, this, loader);
        all.add(cache);
        return cache;
    }

    void changed(SharedCache<?> cache, String key) {
        if (severalNodes) {
            db.write(h -> {
                log.append(h, cache.name(), key, node);
                return null;
            });
        }
        db.noteCacheChange(cache.name() + '\n' + key);
        db.afterCommit(() -> drop(cache.name(), key));
    }

    private void drop(String name, String key) {
        for (SharedCache<?> cache : all) {
            if (cache.name().equals(name)) {
                cache.drop(key);
            }
        }
    }

    void start() {
        if (sync != null) {
            long every = SYNC_EVERY.toMillis();
            sync.scheduleWithFixedDelay(this::sync, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Applies the changes other nodes committed since the last read. */
    void sync() {
        try {
            List<CacheChangeLog.Change> changes = db.read(h -> log.recent(h, LOOK_BACK, node, MAX_READ + 1));
            long now = System.nanoTime();
            boolean missedSome = now - lastSyncNanos > LOOK_BACK.toNanos() / 2 || changes.size() > MAX_READ;
            lastSyncNanos = now;
            if (missedSome) {
                LOG.warn("cache changes of other nodes may have been missed; dropping every cached value");
                all.forEach(SharedCache::dropAll);
            }
            Set<Long> seen = new HashSet<>();
            for (CacheChangeLog.Change change : changes) {
                seen.add(change.id());
                if (!applied.contains(change.id()) && !missedSome) {
                    drop(change.cache(), change.key());
                }
            }
            applied = seen;
            if (++syncs % (KEEP.toMillis() / SYNC_EVERY.toMillis()) == 0) {
                db.write(h -> log.forgetOlderThan(h, KEEP));
            }
        } catch (RuntimeException e) {
            // The next read looks back a minute; if the database stays away longer, everything is dropped then.
            LOG.warn("reading other nodes' cache changes failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.shutdownNow();
        }
    }
}
