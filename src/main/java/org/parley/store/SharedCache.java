package org.parley.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * One cache of {@link Caches}: values built from the database, kept until what they were built from
 * changes ({@link #changed}) or until the least used are dropped past the size bound.
 *
 * <p>A value is built once however many threads ask at the same time (the others wait for it). It is
 * built from what is committed, on a connection of its own, so a reader inside a write transaction never
 * caches what may yet roll back; a transaction that has said it changed the entry gets a value built from
 * its own view instead, not kept. A build that overlaps a commit of a change is dropped right after, never
 * kept stale. Thread-safe.
 */
public final class SharedCache<V> {

    private final String name;
    private final Database db;
    private final Caches caches;
    private final Cache<String, V> entries;
    private final BiFunction<Handle, String, V> loader;
    /** Entries dropped because a change committed in this process, or in another one on the database. */
    private final LongAdder droppedHere = new LongAdder();
    private final LongAdder droppedByOthers = new LongAdder();

    SharedCache(String name, long maxEntries, Database db, Caches caches, BiFunction<Handle, String, V> loader) {
        this.name = name;
        this.db = db;
        this.caches = caches;
        this.loader = loader;
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
    }

    /** The value for {@code key}: the cached one, or one built now. */
    public V get(String key) {
        if (db.cacheChangePending(entry(key))) {
            return db.read(h -> loader.apply(h, key));
        }
        return entries.get(key, k -> db.readCommitted(h -> loader.apply(h, k)));
    }

    /**
     * The value for {@code key} if {@code current} accepts the cached one; otherwise the cached one is
     * dropped and the value built anew. For a caller that knows the value changed before this process was
     * told (another node's event arrived ahead of its cache change).
     */
    public V get(String key, Predicate<V> current) {
        V value = get(key);
        if (current.test(value)) {
            return value;
        }
        entries.asMap().remove(key, value);
        return get(key);
    }

    /**
     * Says that what {@code key}'s value is built from changes in the current write transaction (or has
     * just changed, outside one): when it commits, every process using the database drops the entry and builds
     * it anew on next use.
     */
    public void changed(String key) {
        caches.changed(this, key);
    }

    /** How many values were built and kept since start, for tests and metrics. */
    public long loads() {
        return entries.stats().loadCount();
    }

    String name() {
        return name;
    }

    /** How a transaction names this cache's entry for {@code key} among those it changed. */
    String entry(String key) {
        return name + '\n' + key;
    }

    void drop(String key, boolean byOtherProcess) {
        if (entries.asMap().remove(key) != null) {
            (byOtherProcess ? droppedByOthers : droppedHere).increment();
        }
    }

    /**
     * Reports this cache to {@code registry}: Caffeine's gets (hit, miss), loads, evictions and size, tagged
     * {@code cache=<name>}, and entries dropped because what they were built from changed, by origin.
     */
    void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, entries, name);
        invalidations(registry, "this-process", droppedHere);
        invalidations(registry, "other-process", droppedByOthers);
    }

    private void invalidations(MeterRegistry registry, String origin, LongAdder dropped) {
        FunctionCounter.builder("parley.cache.invalidations", dropped, LongAdder::sum).tag("cache", name).tag("origin", origin)
                .description("Cached entries dropped because what they were built from changed").register(registry);
    }

    void dropAll() {
        entries.invalidateAll();
    }
}
