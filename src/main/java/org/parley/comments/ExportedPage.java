package org.parley.comments;

import java.time.Instant;
import java.util.List;

/**
 * One page of a site with all its comments, for a full export ({@link Comments#exportSite}): the page as stored, when
 * it came to be, and every comment whatever its status, parents before their replies, each as its author sees it
 * (the moderators' note included).
 */
public record ExportedPage(Page page, Instant createdAt, List<Comment> comments) {

    public ExportedPage {
        comments = List.copyOf(comments);
    }
}
