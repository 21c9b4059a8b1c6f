package org.parley.comments;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What readers and moderators left on one comment besides its text: for a full export of a site
 * ({@link ExportedPage#trails()}) and for its import ({@link Comments#restoreTrails}).
 *
 * @param votes    every reader's vote on it
 * @param review   {@code none} (no one asked a moderator to look), {@code open} (waits in a queue) or {@code done}
 * @param reasons  why screening or a moderator flagged, held or rejected it
 * @param featured moderators highlighted it
 * @param note     the moderators' message to its author
 */
public record ArchivedTrail(CommentId comment, List<ReaderVote> votes, String review, List<Reason> reasons, boolean featured,
                            Optional<String> note) {

    /** The review states a comment can be in. */
    public static final Set<String> REVIEWS = Set.of("none", "open", "done");

    public ArchivedTrail {
        if (!REVIEWS.contains(review)) {
            throw new IllegalArgumentException("review must be none, open or done, was " + review);
        }
        votes = List.copyOf(votes);
        reasons = List.copyOf(reasons);
    }
}
