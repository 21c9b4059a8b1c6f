package org.parley.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code word_terms} table. */
final class WordTermRepository {

    List<WordTerm> of(Handle h, SiteId site) {
        return h.createQuery("SELECT term, kind FROM word_terms WHERE site_id = :site ORDER BY kind, term")
                .bind("site", site.value())
                .map((rs, ctx) -> new WordTerm(rs.getString(1), WordTerm.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT))))
                .list();
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
