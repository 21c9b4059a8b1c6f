package org.parley.comments;

import org.parley.media.ImageId;
import java.util.Optional;

/** What a moderator does to a comment. */
public sealed interface ModerationChange {

    /** Publishes a held comment, or clears a published one from review. */
    record Approve() implements ModerationChange {
    }

    /** Takes the comment out of public view; {@code note} is shown to its author. */
    record Reject(Optional<String> note) implements ModerationChange {
    }

    /** Highlights a comment, or stops highlighting it. */
    record Feature(boolean featured) implements ModerationChange {
    }

    /** Takes one image off the comment, leaving its text; the image leaves storage once no comment shows it. */
    record RemoveImage(ImageId image) implements ModerationChange {
    }
}
