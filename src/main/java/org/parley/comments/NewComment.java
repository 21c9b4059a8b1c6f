package org.parley.comments;

import java.util.List;
import java.util.Optional;
import org.parley.sites.SiteId;

/**
 * A comment someone wants to post. Untrusted: the door checks it against the site's rules.
 *
 * @param pageTitle used only when this comment creates the page; the host site's metadata wins
 * @param pageUrl   likewise
 * @param clientAddress the poster's network address, for rate limits; never stored or shown
 * @param images        uploaded images to show with it, in this order
 */
public record NewComment(
        SiteId site,
        PageKey page,
        Optional<CommentId> parentId,
        Markdown body,
        Optional<String> authorName,
        Optional<String> pageTitle,
        Optional<String> pageUrl,
        String clientAddress,
        List<NewImage> images) {

    public NewComment {
        images = List.copyOf(images);
    }

    /** A comment without images. */
    public NewComment(SiteId site, PageKey page, Optional<CommentId> parentId, Markdown body, Optional<String> authorName,
                      Optional<String> pageTitle, Optional<String> pageUrl, String clientAddress) {
        this(site, page, parentId, body, authorName, pageTitle, pageUrl, clientAddress, List.of());
    }
}
