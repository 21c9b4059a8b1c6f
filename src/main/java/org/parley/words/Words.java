package org.parley.words;

import java.time.Instant;
import java.util.List;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.SharedCache;

/**
 * The words feature's door: each site's list of banned and suspect words and phrases, and finding them
 * in a text however it is disguised (case, look-alike letters, leetspeak, stretched or spaced-out letters;
 * see {@link WordTerm}). A list is compiled once per change into a matcher (100,000 terms take 0.2 to
 * 1.6 s; matching a comment, about 0.1 ms); a change drops the compiled list in every process, the
 * process that made it compiles the new one right after it commits, and screening compiles a list it
 * lacks before a comment's transaction opens, so comments seldom wait for a compile and never while
 * holding the database's locks. Thread-safe.
 */
public final class Words {

    /** Compiled lists kept; a list of 100,000 terms takes about 10 MiB. */
    private static final int MAX_SITES = 1_000;

    private final Database db;
    private final WordTermRepository repository = new WordTermRepository();
    private final SharedCache<WordList> compiled;

    private Words(Database db) {
        this.db = db;
        this.compiled = db.caches().cache("word-lists", MAX_SITES,
                (h, site) -> WordList.compile(repository.of(h, new SiteId(site))));
    }

    public static Words create(Database db) {
        return new Words(db);
    }

    /** Every occurrence of a term of the site's list in {@code text}, in reading order (see {@link WordMatch}). */
    public List<WordMatch> find(SiteId site, String text) {
        return compiled.get(site.value()).find(text);
    }

    /** The site's terms, banned first. */
    public List<WordTerm> terms(SiteId site) {
        return db.read(h -> repository.of(h, site));
    }

    /**
     * The terms among {@code terms} that could never match anything (no letter or digit once folded: only
     * symbols, or characters no script reads as letters), in the order given; refuse them before saving.
     */
    public List<WordTerm> unmatchable(List<WordTerm> terms) {
        return WordList.compile(terms).unmatchable();
    }

    /**
     * Adds (or re-kinds) {@code add} and removes {@code remove} from the site's list; joins the caller's
     * transaction, so the caller's audit entry commits with it. New comments meet the new list at once.
     */
    public void change(SiteId site, List<WordTerm> add, List<String> remove, String by, Instant now) {
        db.write(h -> {
            remove.forEach(term -> repository.delete(h, site, term));
            add.forEach(term -> repository.put(h, site, term, by, now));
            compiled.changed(site.value());
            return null;
        });
        db.afterCommit(() -> compiled.get(site.value()));
    }

    /** How many times a list was compiled since start (a metric; one per change and node, not per comment). */
    public long compilations() {
        return compiled.loads();
    }
}
