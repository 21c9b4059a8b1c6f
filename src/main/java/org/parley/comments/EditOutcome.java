package org.parley.comments;

import java.time.Instant;

/** What happened when an author tried to edit or delete their comment. */
public sealed interface EditOutcome {

    /** The comment now reads as given. */
    record Edited(Comment comment) implements EditOutcome {
    }

    /** The comment is gone, or a "deleted" placeholder when replies hang from it. */
    record Removed(CommentId id, boolean placeholder) implements EditOutcome {
    }

    /** Too late: the site's edit window closed at {@code closedAt}. */
    record WindowClosed(CommentId id, Instant closedAt) implements EditOutcome {
    }

    /** The caller did not write this comment. */
    record NotYours(CommentId id) implements EditOutcome {
    }
}
