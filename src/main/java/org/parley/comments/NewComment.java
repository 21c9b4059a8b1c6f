package org.parley.comments;

import java.util.Optional;
import org.parley.sites.SiteId;

/**
 * A comment someone wants to post. Untrusted: the door checks it against the site's rules.
 *
 * @param pageTitle used only when this comment creates the page; the host site's metadata wins
 * @param pageUrl   likewise
 * @param clientAddress the poster's network address, for rate limits; never stored or shown
 */
public record NewComment(
        SiteId site,
        PageKey page,
        Optional<CommentId> parentId,
        Markdown body,
        Optional<String> authorName,
        Optional<String> pageTitle,
        Optional<String> pageUrl,
        String clientAddress) {
}
