package org.parley.comments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of a site with all its comments, for a full export ({@link Comments#exportSite}): the page as stored, when
 * it came to be, and every comment whatever its status, parents before their replies, each as its author sees it
 * (the moderators' note included), and each comment's trail (votes, review, reasons) by its id.
 */
public record ExportedPage(Page page, Instant createdAt, List<Comment> comments, Map<CommentId, ArchivedTrail> trails) {

    public ExportedPage {
        comments = List.copyOf(comments);
        trails = Map.copyOf(trails);
    }
}
