package org.parley.imports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page as an export describes it, with its comments, before Parley decides anything about it.
 *
 * @param sourceId   the page's id in the export (Disqus: the thread's dsq:id; WordPress: the post id)
 * @param identifier the id the newsroom gave the page there, for {@link PageKeyRule#ID}
 * @param line       where the page starts in the file, for messages
 * @param site       what a Parley export holds about the whole site (blocks, sanctions, audit log, readers); it rides
 *                   on the export's last page, so that it is stored in that page's transaction
 */
record SourcePage(String sourceId, Optional<String> identifier, Optional<String> url, Optional<String> title,
                  Optional<Instant> createdAt, List<SourceComment> comments, int line, Optional<SourceSite> site) {

    SourcePage {
        comments = List.copyOf(comments);
    }

    /** A page of an export that says nothing about the site beyond its pages (every format but Parley's own). */
    SourcePage(String sourceId, Optional<String> identifier, Optional<String> url, Optional<String> title,
               Optional<Instant> createdAt, List<SourceComment> comments, int line) {
        this(sourceId, identifier, url, title, createdAt, comments, line, Optional.empty());
    }

    /** This page carrying {@code site}. */
    SourcePage with(SourceSite site) {
        return new SourcePage(sourceId, identifier, url, title, createdAt, comments, line, Optional.of(site));
    }
}
