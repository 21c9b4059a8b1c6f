package org.parley.words;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SQL for the {@code word_terms} table. */
final class WordTermRepository {

    private static final Logger LOG = LoggerFactory.getLogger(WordTermRepository.class);

    /**
     * The site's terms. A stored term that today's rules refuse (saved by an older version) is left out
     * with a warning, so one old row never stops the whole list from loading.
     */
    List<WordTerm> of(Handle h, SiteId site) {
        List<WordTerm> terms = new ArrayList<>();
        h.createQuery("SELECT term, kind FROM word_terms WHERE site_id = :site ORDER BY kind, term")
                .bind("site", site.value())
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .forEach(row -> {
                    try {
                        terms.add(new WordTerm(row[0], WordTerm.Kind.valueOf(row[1].toUpperCase(Locale.ROOT))));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("word list of site {}: stored term left out: {}", site, e.getMessage());
                    }
                });
        return terms;
    }

    /** Adds the term, or changes its kind if the site already lists it. */
    void put(Handle h, SiteId site, WordTerm term, String by, Instant now) {
        h.createUpdate("""
                        INSERT INTO word_terms (site_id, term, kind, added_at, added_by) VALUES (:site, :term, :kind, :now, :by)
                        ON CONFLICT (site_id, term) DO UPDATE SET kind = excluded.kind, added_at = excluded.added_at,
                            added_by = excluded.added_by""")
                .bind("site", site.value())
                .bind("term", term.text().strip())
                .bind("kind", term.kind().name().toLowerCase(Locale.ROOT))
                .bind("now", now.toEpochMilli())
                .bind("by", by)
                .execute();
    }

    boolean delete(Handle h, SiteId site, String term) {
        return h.createUpdate("DELETE FROM word_terms WHERE site_id = :site AND term = :term")
                .bind("site", site.value())
                .bind("term", term.strip())
                .execute() > 0;
    }
}
