package org.parley.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.comments.CommentId;
import org.parley.media.ImageId;

/**
 * What a moderator can do. Actions on comments take several ids (bulk); actions on a commenter name
 * the comment that prompted them, which fixes the site and the author. Every action has a reason or
 * message that goes into the audit log.
 */
public sealed interface ModeratorAction {

    /**
     * Publish held comments, or clear flagged ones. {@code seenEdits} says, per comment, how many edits the
     * text the moderator read had; a comment edited since is refused rather than approved unread.
     */
    record Approve(List<CommentId> comments, Optional<String> note, Map<CommentId, Integer> seenEdits) implements ModeratorAction {
        public Approve {
            seenEdits = Map.copyOf(seenEdits);
        }

        public Approve(List<CommentId> comments, Optional<String> note) {
            this(comments, note, Map.of());
        }
    }

    /** Take comments out of public view; {@code reasonForAuthor} is shown to each author. */
    record Reject(List<CommentId> comments, String reasonForAuthor) implements ModeratorAction {
    }

    /** Highlight a comment, or stop. */
    record Feature(CommentId comment, boolean featured) implements ModeratorAction {
    }

    /**
     * Stop the author of {@code because} from commenting on its site until lifted. Needs the whole site. The
     * case of {@code because} is decided: its reports are resolved and it leaves the flagged queue. With
     * {@code rejectPublished}, every comment the author has published on the site is rejected too, each as a
     * {@link Reject} with {@code message} as its reason; their comments waiting in the pending queue are left
     * for a moderator to decide.
     */
    record Ban(CommentId because, String message, boolean rejectPublished) implements ModeratorAction {
        /** A ban that leaves the author's comments as they are. */
        public Ban(CommentId because, String message) {
            this(because, message, false);
        }
    }

    /** Stop the author of {@code because} from commenting on its site for {@code duration}. */
    record Suspend(CommentId because, Duration duration, String message) implements ModeratorAction {
    }

    /** Tell the author of {@code because} that they crossed a line, without restricting them. */
    record Warn(CommentId because, String message) implements ModeratorAction {
    }

    /** Take one image off a comment, leaving its text; {@code reason} goes into the audit log. */
    record RemoveImage(CommentId comment, ImageId image, String reason) implements ModeratorAction {
    }

    /** End a ban or suspension early. */
    record Lift(String sanctionId, String note) implements ModeratorAction {
    }
}
