package org.parley.moderation;

import java.util.List;
import java.util.Optional;
import org.parley.comments.CommentId;

/** A page of a queue, and where the next one starts. */
public record QueuePage(QueueKind kind, List<CaseSummary> cases, Optional<CommentId> next) {
}
