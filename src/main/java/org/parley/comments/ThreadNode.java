package org.parley.comments;

import java.util.List;
import java.util.Optional;

/**
 * A comment with the first of its replies, nested. {@code moreReplies} is the cursor for fetching the
 * rest through {@link Comments#replies}, present when {@code replies} does not hold all of them.
 */
public record ThreadNode(Comment comment, List<ThreadNode> replies, Optional<String> moreReplies) {
}
