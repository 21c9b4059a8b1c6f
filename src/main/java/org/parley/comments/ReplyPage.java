package org.parley.comments;

import java.util.List;
import java.util.Optional;

/** The next replies to one comment, oldest first, and the cursor for the ones after them. */
public record ReplyPage(CommentId parentId, List<ThreadNode> comments, Optional<String> next) {
}
