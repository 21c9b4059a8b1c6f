package org.parley.comments;

import java.util.Optional;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.SharedCache;

/**
 * Keeps the current {@link ThreadSnapshot} of recently read pages, through {@link org.parley.store.Caches}:
 * a snapshot is built on first read (one consistent read of the page and its comments, once however many
 * readers ask) and dropped when a change to the page's thread commits, on this node at once and on the
 * others within about a second. The least used pages are dropped past {@code maxPages}. Thread-safe.
 */
final class ThreadReadModel {

    /** Page ids remembered by site and key (including "no page yet"); a page's id never changes. */
    private static final int MAX_KEYS = 200_000;

    private final Database db;
    private final PageRepository pages;
    private final SharedCache<ThreadSnapshot> snapshots;
    private final SharedCache<Optional<PageId>> pageIds;

    ThreadReadModel(Database db, PageRepository pages, CommentRepository comments, int maxPages) {
        this.db = db;
        this.pages = pages;
        this.snapshots = db.caches().cache("threads", maxPages, (h, id) -> {
            PageId page = new PageId(id);
            return ThreadSnapshot.build(pages.find(h, page).orElseThrow(() -> new IllegalStateException("page vanished: " + id)),
                    comments.forPage(h, page));
        });
        this.pageIds = db.caches().cache("page-ids", MAX_KEYS, (h, lookup) -> {
            int split = lookup.indexOf('\n');
            return pages.find(h, new SiteId(lookup.substring(0, split)), new PageKey(lookup.substring(split + 1))).map(PageRow::id);
        });
    }

    /** The current snapshot of a site's page, or empty when nobody has commented on it yet. */
    Optional<ThreadSnapshot> snapshot(SiteId site, PageKey key) {
        return pageIds.get(lookup(site, key)).map(this::snapshot);
    }

    /**
     * As {@link #snapshot(SiteId, PageKey)}, checked against what is stored: for a reader who may have
     * just written through another node, before this node heard of it (one query by primary key, and a
     * second only when the page is unknown here).
     */
    Optional<ThreadSnapshot> storedSnapshot(SiteId site, PageKey key) {
        String lookup = lookup(site, key);
        return pageIds.get(lookup, known -> known.isPresent() || db.read(h -> pages.find(h, site, key)).isEmpty())
                .map(this::storedSnapshot);
    }

    /** The snapshot of a page known to exist, at its stored version or later. */
    ThreadSnapshot storedSnapshot(PageId id) {
        return snapshot(id, db.read(h -> pages.version(h, id)).orElse(0L));
    }

    /** The current snapshot of a page known to exist. */
    ThreadSnapshot snapshot(PageId id) {
        return snapshots.get(id.value());
    }

    /**
     * The snapshot of a page known to exist, at {@code version} or later: another node's event can arrive
     * before its change reaches this node's cache, and then the cached snapshot is built anew.
     */
    ThreadSnapshot snapshot(PageId id, long version) {
        return snapshots.get(id.value(), snapshot -> snapshot.version() >= version);
    }

    /** The snapshot of a page holding {@code comment}, which is stored, so a snapshot without it is stale. */
    ThreadSnapshot snapshotWith(PageId id, CommentId comment) {
        return snapshots.get(id.value(), snapshot -> snapshot.node(comment.value()).isPresent());
    }

    /** Says, inside the transaction that changes a page's thread, that its snapshot goes stale when it commits. */
    void changed(PageId id) {
        snapshots.changed(id.value());
    }

    /** Says, inside the transaction that creates a page, that the key now names it. */
    void created(SiteId site, PageKey key) {
        pageIds.changed(lookup(site, key));
    }

    private static String lookup(SiteId site, PageKey key) {
        return site.value() + '\n' + key.value();
    }
}
