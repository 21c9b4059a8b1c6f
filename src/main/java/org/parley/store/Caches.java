package org.parley.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What features keep in memory, in one mechanism: bounded caches of values built from the database
 * ({@link SharedCache}), and one way to say that a value went stale. A feature that changes what an
 * entry is built from calls {@link SharedCache#changed} inside its write transaction; when that commits,
 * the entry is dropped in this process at once, and in every other process using the same database (the
 * other nodes on PostgreSQL; a command such as {@code parley site save} run beside a server on SQLite)
 * soon after: the change is also written to {@code cache_changes}, which each process reads every
 * {@link #SYNC_EVERY}, and on PostgreSQL at once when another node signals that its changes committed.
 * Thread-safe.
 */
public final class Caches implements AutoCloseable {

    static final Duration SYNC_EVERY = Duration.ofMillis(500);
    /** Rows older than this are deleted; a process that could not read for half as long drops everything. */
    static final Duration KEEP = Duration.ofMinutes(10);
    /** Rows read per query; a busy second is read in several. */
    static final int PAGE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(Caches.class);

    private final Database db;
    private final Vendor vendor;
    private final String node;
    private volatile CacheChangeLog log;
    private final AtomicBoolean syncAsked = new AtomicBoolean();
    /** Every cache made, by name; two with one name (two doors on one database, in tests) are dropped together. */
    private final List<SharedCache<?>> all = new CopyOnWriteArrayList<>();
    /** Where caches report once {@link #bindTo} was called; caches made after that report there too. */
    private volatile Optional<MeterRegistry> meters = Optional.empty();
    private final ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-cache-sync").daemon().factory());
    // Read position, touched by the sync thread only (and start, before it runs).
    private long lastId;
    private long horizon;
    /** PostgreSQL: rows already applied that the next read returns again (their transaction is at or past the horizon). */
    private Set<Long> applied = Set.of();
    private long lastSyncNanos;
    private long syncs;

    Caches(Database db, Vendor vendor, String node) {
        this.db = db;
        this.vendor = vendor;
        this.node = node;
        this.log = new CacheChangeLog(vendor, Optional.empty());
    }

    /**
     * A new cache of at most {@code maxEntries} values, the least used dropped first. {@code loader} builds
     * the value of a key from the database through the handle it is given (never null: use
     * {@code Optional} for "nothing there"). The name is what other processes are told when an entry changes.
     */
    public <V> SharedCache<V> cache(String name, long maxEntries, BiFunction<Handle, String, V> loader) {
        SharedCache<V> cache = new SharedCache<>(name, maxEntries, db, this, loader);
        all.add(cache);
        meters.ifPresent(cache::bindTo);
        return cache;
    }

    /**
     * Reports every cache, made so far or later, to {@code registry} (see {@link SharedCache#bindTo}). Two
     * caches of one name (two doors on one database) share their meters: the first one made is reported.
     */
    void bindTo(MeterRegistry registry) {
        meters = Optional.of(registry);
        all.forEach(cache -> cache.bindTo(registry));
    }

    void changed(SharedCache<?> cache, String key) {
        db.write(h -> {
            log.append(h, cache.name(), key, node);
            return null;
        });
        db.noteCacheChange(cache.entry(key));
        db.afterCommit(() -> drop(cache.name(), key, false));
    }

    private void drop(String name, String key, boolean byOtherProcess) {
        for (SharedCache<?> cache : all) {
            if (cache.name().equals(name)) {
                cache.drop(key, byOtherProcess);
            }
        }
    }

    /**
     * Starts reading other processes' changes from now on (nothing is cached yet, so nothing earlier
     * matters); with {@code signals}, also whenever another process says its changes committed.
     */
    void start(Optional<Notifications> signals) {
        log = new CacheChangeLog(vendor, signals);
        signals.ifPresent(s -> {
            s.listen(CacheChangeLog.SIGNAL, body -> syncSoon());
            s.onReconnect(this::syncSoon);
        });
        db.readCommitted(h -> {
            if (vendor == Vendor.POSTGRESQL) {
                horizon = log.horizon(h);
                // Rows already committed but at or past the horizon (a long transaction elsewhere holds it back)
                // would come back in the first read: nothing was cached before them, so they count as applied.
                Set<Long> seen = new HashSet<>();
                log.allSince(h, horizon, PAGE).forEach(change -> seen.add(change.id()));
                applied = seen;
            } else {
                lastId = log.lastId(h);
            }
            return null;
        });
        lastSyncNanos = System.nanoTime();
        long every = SYNC_EVERY.toMillis();
        sync.scheduleWithFixedDelay(this::sync, every, every, TimeUnit.MILLISECONDS);
    }

    /** Reads other processes' changes on the sync thread now, once however many ask before it runs. */
    private void syncSoon() {
        if (syncAsked.compareAndSet(false, true)) {
            try {
                sync.execute(this::sync);
            } catch (RejectedExecutionException closing) {
                // shutting down: nothing left to keep fresh
            }
        }
    }

    /** Applies the changes other processes committed since the last read. */
    void sync() {
        syncAsked.set(false);
        try {
            if (System.nanoTime() - lastSyncNanos > KEEP.toNanos() / 2) {
                LOG.warn("cache changes of other processes could not be read for minutes; dropping every cached value");
                all.forEach(SharedCache::dropAll);
            }
            if (vendor == Vendor.POSTGRESQL) {
                readByTransaction();
            } else {
                readInOrder();
            }
            lastSyncNanos = System.nanoTime();
            if (++syncs % (KEEP.toMillis() / SYNC_EVERY.toMillis() / 10) == 0) {
                db.write(h -> log.forgetOlderThan(h, KEEP));
            }
        } catch (RuntimeException e) {
            // Read again next time from where the last read ended; after a long outage everything is dropped.
            LOG.warn("reading other processes' cache changes failed: {}", e.toString());
        }
    }

    private void readInOrder() {
        List<CacheChangeLog.Change> page;
        do {
            long after = lastId;
            page = db.readCommitted(h -> log.after(h, after, PAGE));
            for (CacheChangeLog.Change change : page) {
                lastId = change.id();
                apply(change);
            }
        } while (page.size() == PAGE);
    }

    /** One snapshot: its horizon, and every row of transactions at or past the previous horizon. */
    private void readByTransaction() {
        record Read(long horizon, List<CacheChangeLog.Change> changes) {
        }
        long from = horizon;
        Read read = db.readCommitted(h -> new Read(log.horizon(h), log.allSince(h, from, PAGE)));
        Set<Long> stillReturned = new HashSet<>();
        for (CacheChangeLog.Change change : read.changes()) {
            if (!applied.contains(change.id())) {
                apply(change);
            }
            if (change.tx() >= read.horizon()) {
                stillReturned.add(change.id());
            }
        }
        applied = stillReturned;
        horizon = read.horizon();
    }

    private void apply(CacheChangeLog.Change change) {
        if (!change.node().equals(node)) {
            drop(change.cache(), change.key(), true);
        }
    }

    @Override
    public void close() {
        sync.shutdownNow();
        try {
            // A read in progress finishes before the pools close under it.
            sync.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
