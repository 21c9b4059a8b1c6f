package org.parley.moderation;

import org.parley.comments.ReviewItem;

/** One line of a queue: the comment with its reasons, and how many readers reported it (unresolved). */
public record CaseSummary(ReviewItem item, int openReports) {
}
