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
 */
record SourcePage(String sourceId, Optional<String> identifier, Optional<String> url, Optional<String> title,
                  Optional<Instant> createdAt, List<SourceComment> comments, int line) {

    SourcePage {
        comments = List.copyOf(comments);
    }
}
