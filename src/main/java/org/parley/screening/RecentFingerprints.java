package org.parley.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.sites.SiteId;
import org.parley.store.Database;

/**
 * Each site's most recent comment fingerprints, kept in memory so that checking a new comment for repeats
 * compares a few thousand longs instead of reading them from the database inside the posting
 * transaction (which held SQLite's only write lock while it read). Loaded from the table on a site's
 * first comment after start-up; a fingerprint joins once its comment has committed. Each node sees its
 * own comments plus what was stored when it loaded the site.
 */
final class RecentFingerprints {

    /** The longest repeat window the rules allow ({@code repeatHours} ≤ 720). */
    private static final Duration LONGEST_WINDOW = Duration.ofHours(720);

    private final Database db;
    private final FingerprintRepository repository;
    private final int capacity;
    private final Map<SiteId, Deque<FingerprintRepository.Fingerprint>> sites = new ConcurrentHashMap<>();

    RecentFingerprints(Database db, FingerprintRepository repository, int capacity) {
        this.db = db;
        this.repository = repository;
        this.capacity = capacity;
    }

    /**
     * The site's fingerprints near {@code simhash} ({@link SimHash#near}) taken at or after {@code since},
     * newest first, among its last {@code capacity}.
     */
    List<FingerprintRepository.Fingerprint> near(SiteId site, long simhash, Instant since) {
        Deque<FingerprintRepository.Fingerprint> recent = of(site, since);
        List<FingerprintRepository.Fingerprint> found = new ArrayList<>();
        synchronized (recent) {
            for (Iterator<FingerprintRepository.Fingerprint> newest = recent.descendingIterator(); newest.hasNext(); ) {
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
            repository.insert(h, site, fingerprint);
            return null;
        });
        db.afterCommit(() -> {
            Deque<FingerprintRepository.Fingerprint> recent = of(site, Instant.ofEpochMilli(fingerprint.at()));
            synchronized (recent) {
                recent.addLast(fingerprint);
                while (recent.size() > capacity) {
                    recent.removeFirst();
                }
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
            Deque<FingerprintRepository.Fingerprint> recent = of(site, now);
            synchronized (recent) {
                recent.removeIf(f -> f.commentId().equals(commentId));
            }
        });
    }

    private Deque<FingerprintRepository.Fingerprint> of(SiteId site, Instant now) {
        return sites.computeIfAbsent(site, s -> {
            List<FingerprintRepository.Fingerprint> stored = db.read(h -> repository.since(h, s, now.minus(LONGEST_WINDOW), capacity));
            Deque<FingerprintRepository.Fingerprint> recent = new ArrayDeque<>(capacity + 1);
            stored.reversed().forEach(recent::addLast);
            return recent;
        });
    }
}
