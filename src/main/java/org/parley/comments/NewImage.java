package org.parley.comments;

import org.parley.media.ImageId;

/**
 * An image its author wants to show with a comment: one they uploaded, and the words that stand in for
 * it for readers who cannot see it. Untrusted: the door checks the id exists and the alt text's length.
 */
public record NewImage(ImageId id, String alt) {
}
