package org.parley.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.Vendor;

/**
 * Each site's most recent comment fingerprints, kept in memory so that checking a new comment for repeats
 * compares a few thousand longs instead of reading them from the database inside the posting
 * transaction (which held SQLite's only write lock while it read). Loaded from the table on a site's
 * first comment after start-up; a fingerprint joins once its comment has committed. With several nodes
 * on one PostgreSQL database, each check first reads what the other nodes stored since the last one (a
 * short indexed range, this node's own left out), so a spam wave spread over the nodes is seen whole.
 */
final class RecentFingerprints {

    /** The longest repeat window the rules allow ({@code repeatHours} ≤ 720). */
    private static final Duration LONGEST_WINDOW = Duration.ofHours(720);
    /** How far back each read of other nodes' rows reaches before the last: a commit may lag its timestamp. */
    private static final Duration COMMIT_LAG = Duration.ofSeconds(10);

    /** One site's fingerprints, oldest first, with the comments they belong to. Guarded by itself. */
    private static final class Recent {
        final Deque<FingerprintRepository.Fingerprint> prints;
        final Set<String> comments = new HashSet<>();

        Recent(int capacity) {
            this.prints = new ArrayDeque<>(capacity + 1);
        }

        /** Adds a fingerprint in time order (another node's may be older than the newest here). */
        void add(FingerprintRepository.Fingerprint f, int capacity) {
            if (!comments.add(f.commentId())) {
                return;
            }
            Deque<FingerprintRepository.Fingerprint> newer = new ArrayDeque<>();
            while (!prints.isEmpty() && prints.peekLast().at() > f.at()) {
                newer.push(prints.removeLast());
            }
            prints.addLast(f);
            prints.addAll(newer);
            while (prints.size() > capacity) {
                comments.remove(prints.removeFirst().commentId());
            }
        }

        void remove(String commentId) {
            if (comments.remove(commentId)) {
                prints.removeIf(f -> f.commentId().equals(commentId));
            }
        }
    }

    private final Database db;
    private final FingerprintRepository repository;
    private final int capacity;
    private final boolean otherNodes;
    private final Map<SiteId, Recent> sites = new ConcurrentHashMap<>();

    RecentFingerprints(Database db, FingerprintRepository repository, int capacity) {
        this.db = db;
        this.repository = repository;
        this.capacity = capacity;
        this.otherNodes = db.vendor() == Vendor.POSTGRESQL;
    }

    /**
     * The site's fingerprints near {@code simhash} ({@link SimHash#near}) taken at or after {@code since},
     * newest first, among its last {@code capacity}.
     */
    List<FingerprintRepository.Fingerprint> near(SiteId site, long simhash, Instant since) {
        Recent recent = of(site, since);
        if (otherNodes) {
            readOtherNodes(site, recent, since);
        }
        List<FingerprintRepository.Fingerprint> found = new ArrayList<>();
        synchronized (recent) {
            for (Iterator<FingerprintRepository.Fingerprint> newest = recent.prints.descendingIterator(); newest.hasNext(); ) {
                FingerprintRepository.Fingerprint f = newest.next();
                if (f.at() < since.toEpochMilli()) {
                    break;
                }
                if (SimHash.near(f.simhash(), simhash)) {
                    found.add(f);
                }
            }
        }
        return found;
    }

    /** Stores the fingerprint with the comment's transaction and remembers it once that commits. */
    void add(SiteId site, FingerprintRepository.Fingerprint fingerprint) {
        db.write(h -> {
            repository.insert(h, site, fingerprint, db.node());
            return null;
        });
        db.afterCommit(() -> {
            Recent recent = of(site, Instant.ofEpochMilli(fingerprint.at()));
            synchronized (recent) {
                recent.add(fingerprint, capacity);
            }
        });
    }

    /**
     * Drops a comment's fingerprint, with the comment's transaction, and forgets it once that commits: an
     * edit replaces the text it was taken from. Other nodes keep theirs until it ages out of their window.
     */
    void forget(SiteId site, String commentId, Instant now) {
        db.write(h -> {
            repository.remove(h, commentId);
            return null;
        });
        db.afterCommit(() -> {
            Recent recent = of(site, now);
            synchronized (recent) {
                recent.remove(commentId);
            }
        });
    }

    /** Adds what was stored since shortly before the newest fingerprint known here (or since {@code since}). */
    private void readOtherNodes(SiteId site, Recent recent, Instant since) {
        long from;
        synchronized (recent) {
            from = recent.prints.isEmpty() ? since.toEpochMilli()
                    : Math.max(since.toEpochMilli(), recent.prints.peekLast().at() - COMMIT_LAG.toMillis());
        }
        List<FingerprintRepository.Fingerprint> stored = db.read(h -> repository.since(h, site, Instant.ofEpochMilli(from), capacity, db.node()));
        synchronized (recent) {
            stored.reversed().forEach(f -> recent.add(f, capacity));
        }
    }

    private Recent of(SiteId site, Instant now) {
        return sites.computeIfAbsent(site, s -> {
            List<FingerprintRepository.Fingerprint> stored = db.read(h -> repository.since(h, s, now.minus(LONGEST_WINDOW), capacity));
            Recent recent = new Recent(capacity);
            stored.reversed().forEach(f -> recent.add(f, capacity));
            return recent;
        });
    }
}
