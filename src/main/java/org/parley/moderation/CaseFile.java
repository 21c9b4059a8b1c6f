package org.parley.moderation;

import java.util.List;
import org.parley.comments.ReviewItem;
import org.parley.identity.Voices;

/**
 * Everything a moderator needs to decide about one comment: the comment and every reason it is in a
 * queue, the conversation around it (the comments above it and its replies), every report and how the
 * reports and the votes add up (as they count, and how many came from one network), and its author's record as
 * the moderator reading it may see it ({@link AuthorRecord}).
 */
public record CaseFile(ReviewItem item, List<ReviewItem> conversation, List<Report> reports, Voices reporters, Voices voters,
                       AuthorRecord author) {
}
