package org.parley.comments;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.parley.sites.SiteId;
import org.parley.store.Database;

/**
 * Keeps the current {@link ThreadSnapshot} of recently read pages. A snapshot is built on first read
 * (one query per page, single-flight) and dropped when the page changes; a build that raced with a
 * change is returned to its reader but not kept, so a stale snapshot is never cached. The least
 * recently read pages are evicted past {@code maxPages}. Thread-safe.
 */
final class ThreadReadModel {

    private static final int MAX_KEYS = 200_000;

    private static final class Entry {
        final ReentrantLock loading = new ReentrantLock();
        final AtomicLong generation = new AtomicLong();
        volatile ThreadSnapshot snapshot;
        volatile long lastRead;
    }

    private final Database db;
    private final PageRepository pages;
    private final CommentRepository comments;
    private final int maxPages;
    private final Map<PageId, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, PageId> pageIds = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();

    ThreadReadModel(Database db, PageRepository pages, CommentRepository comments, int maxPages) {
        this.db = db;
        this.pages = pages;
        this.comments = comments;
        this.maxPages = maxPages;
    }

    /** The current snapshot of a site's page, or empty when nobody has commented on it yet. */
    Optional<ThreadSnapshot> snapshot(SiteId site, PageKey key) {
        String lookup = site.value() + '\n' + key.value();
        PageId id = pageIds.get(lookup);
        if (id == null) {
            Optional<PageRow> row = db.read(h -> pages.find(h, site, key));
            if (row.isEmpty()) {
                return Optional.empty();
            }
            id = row.get().id();
            remember(lookup, id);
        }
        return Optional.of(snapshot(id));
    }

    /** The current snapshot of a page known to exist. */
    ThreadSnapshot snapshot(PageId id) {
        Entry entry = entries.computeIfAbsent(id, k -> new Entry());
        entry.lastRead = clock.incrementAndGet();
        ThreadSnapshot current = entry.snapshot;
        if (current != null) {
            return current;
        }
        entry.loading.lock();
        try {
            current = entry.snapshot;
            if (current != null) {
                return current;
            }
            long generation = entry.generation.get();
            ThreadSnapshot loaded = db.readConsistent(h -> ThreadSnapshot.build(
                    pages.find(h, id).orElseThrow(() -> new IllegalStateException("page vanished: " + id)),
                    comments.forPage(h, id)));
            // Never keep what was read inside a write transaction: it may still roll back.
            if (entry.generation.get() == generation && !db.inTransaction()) {
                entry.snapshot = loaded;
            }
            evictIfFull();
            return loaded;
        } finally {
            entry.loading.unlock();
        }
    }

    /** Forgets the page's snapshot; call after a change to it has committed. */
    void invalidate(PageId id) {
        Entry entry = entries.get(id);
        if (entry != null) {
            entry.generation.incrementAndGet();
            entry.snapshot = null;
        }
    }

    /** Notes which page a key names, learned by a write, to spare the next read a lookup. */
    void remember(SiteId site, PageKey key, PageId id) {
        remember(site.value() + '\n' + key.value(), id);
    }

    private void remember(String lookup, PageId id) {
        if (pageIds.size() >= MAX_KEYS) {
            pageIds.clear();
        }
        pageIds.put(lookup, id);
    }

    private void evictIfFull() {
        int excess = entries.size() - maxPages;
        if (excess <= 0) {
            return;
        }
        entries.entrySet().stream()
                .sorted(java.util.Comparator.comparingLong(e -> e.getValue().lastRead))
                .limit(excess)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(entries::remove);
    }
}
