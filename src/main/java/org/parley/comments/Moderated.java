package org.parley.comments;

import org.parley.sites.SiteId;

/** A moderator's change to a comment, as it was before and after (for the audit log). */
public record Moderated(SiteId site, PageKey page, Comment before, Comment after) {
}
