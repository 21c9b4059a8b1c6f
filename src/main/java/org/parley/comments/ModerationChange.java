package org.parley.comments;

import org.parley.media.ImageId;
import java.util.Optional;

/** What a moderator does to a comment. */
public sealed interface ModerationChange {

    /**
     * Publishes a held comment, or clears a published one from review. {@code seenEdits}, when given, is how
     * many times its author had edited it in the text the moderator read: if they have edited it since, the
     * approval is refused (409 {@code changed-since-read}) rather than cover a text nobody looked at.
     */
    record Approve(Optional<Integer> seenEdits) implements ModerationChange {
        public Approve() {
            this(Optional.empty());
        }
    }

    /** Takes the comment out of public view; {@code note} is shown to its author. */
    record Reject(Optional<String> note) implements ModerationChange {
    }

    /**
     * Closes the comment's review as decided, leaving its status, note and highlight as they are: a moderator
     * decided about its author (a ban) rather than about the comment, and the case leaves the flagged queue.
     */
    record CloseReview() implements ModerationChange {
    }

    /** Highlights a comment, or stops highlighting it. */
    record Feature(boolean featured) implements ModerationChange {
    }

    /** Takes one image off the comment, leaving its text; the image leaves storage once no comment shows it. */
    record RemoveImage(ImageId image) implements ModerationChange {
    }
}
