package org.parley.comments;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.sites.SiteId;

/**
 * One page's comments brought from another system's export, in an order where each parent comes before its
 * replies.
 *
 * @param title         the page's title in the export, used only when the page is new to Parley
 * @param url           the page's address in the export, likewise; kept only when it is an http(s) URL
 * @param createdAt     when the page was created in the export (a new page's creation time)
 * @param storedParents comments of this page imported before, by their ref, that replies in {@code comments} name
 * @param source        the system the export comes from ({@code disqus}, {@code wordpress}, …), kept with each comment
 */
public record ArchivedThread(SiteId site, PageKey key, Optional<String> title, Optional<String> url, Instant createdAt,
                             List<ArchivedComment> comments, Map<String, CommentId> storedParents, String source) {

    public ArchivedThread {
        comments = List.copyOf(comments);
        storedParents = Map.copyOf(storedParents);
    }
}
