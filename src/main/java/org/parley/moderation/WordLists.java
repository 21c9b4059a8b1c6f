package org.parley.moderation;

import java.time.Instant;
import java.util.List;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.SharedCache;

/**
 * Each site's word list, compiled once per change into a matcher (compiling 100,000 terms takes a
 * fraction of a second; matching a comment, a fraction of a millisecond). A change drops the compiled
 * list on every node; the node that made the change compiles the new one right after it commits, so the
 * next comment does not wait for it.
 */
final class WordLists {

    /** Compiled lists kept; a list of 100,000 terms takes about 10 MiB. */
    private static final int MAX_SITES = 1_000;

    private final Database db;
    private final WordTermRepository repository = new WordTermRepository();
    private final SharedCache<WordList> compiled;

    WordLists(Database db) {
        this.db = db;
        this.compiled = db.caches().cache("word-lists", MAX_SITES,
                (h, site) -> WordList.compile(repository.of(h, new SiteId(site))));
    }

    WordList matcher(SiteId site) {
        return compiled.get(site.value());
    }

    /** How many times a list was compiled since start (for tests and metrics). */
    long compilations() {
        return compiled.loads();
    }

    List<WordTerm> terms(SiteId site) {
        return db.read(h -> repository.of(h, site));
    }

    /** Adds or re-kinds {@code add} and removes {@code remove}; joins the caller's transaction. */
    void change(SiteId site, List<WordTerm> add, List<String> remove, String by, Instant now) {
        db.write(h -> {
            remove.forEach(term -> repository.delete(h, site, term));
            add.forEach(term -> repository.put(h, site, term, by, now));
            compiled.changed(site.value());
            return null;
        });
        db.afterCommit(() -> matcher(site));
    }
}
