package org.parley.moderation;

import org.parley.comments.ReviewItem;
import org.parley.identity.Voices;

/**
 * One line of a queue: the comment with its reasons, how its unresolved reports add up (how many readers
 * reported it, as they count) and how its votes do, so a crowd from one network shows.
 */
public record CaseSummary(ReviewItem item, Voices openReports, Voices votes) {
}
