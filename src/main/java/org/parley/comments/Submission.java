package org.parley.comments;

import java.time.Instant;
import java.util.Optional;
import org.parley.identity.GuestId;
import org.parley.sites.SiteId;

/**
 * A comment about to be stored, with what screening needs to judge it.
 *
 * @param id              the id it will get if stored
 * @param section         the page's section, for section-scoped settings
 * @param html            the sanitized rendering (links counted from it)
 * @param parentAuthor    who wrote the comment it replies to
 * @param clientAddress   the poster's network address, for rate limits; never shown
 * @param authorPublished the author's published comments on this site so far (trust)
 * @param images          how many images it shows
 */
public record Submission(
        CommentId id,
        SiteId site,
        PageKey page,
        Optional<String> section,
        GuestId author,
        Optional<String> authorName,
        Markdown body,
        SafeHtml html,
        Optional<CommentId> parentId,
        Optional<GuestId> parentAuthor,
        String clientAddress,
        Instant at,
        int authorPublished,
        int images) {
}
