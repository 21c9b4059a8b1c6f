package org.parley.comments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/**
 * A comment as a moderator sees it: whatever its status, with its source, where it is, and every
 * reason screening gave.
 *
 * @param reviewOpen a moderator has yet to look at it
 * @param images     the images it shows
 * @param revisions  the texts its author replaced by editing it, oldest first
 */
public record ReviewItem(
        CommentId id,
        SiteId site,
        PageKey page,
        Optional<String> pageTitle,
        Optional<String> pageUrl,
        Optional<String> section,
        Optional<CommentId> parentId,
        ReaderId author,
        Optional<String> authorName,
        CommentStatus status,
        Markdown source,
        SafeHtml html,
        Instant createdAt,
        int up,
        int down,
        boolean featured,
        boolean reviewOpen,
        List<Reason> reasons,
        List<CommentImage> images,
        List<Revision> revisions) {

    public ReviewItem {
        reasons = List.copyOf(reasons);
        images = List.copyOf(images);
        revisions = List.copyOf(revisions);
    }

    /** True when its author changed a text a moderator had approved. */
    public boolean editedAfterApproval() {
        return revisions.stream().anyMatch(Revision::approved);
    }

    ReviewItem with(List<CommentImage> shown, List<Revision> replaced) {
        return new ReviewItem(id, site, page, pageTitle, pageUrl, section, parentId, author, authorName, status, source, html,
                createdAt, up, down, featured, reviewOpen, reasons, shown, replaced);
    }
}
