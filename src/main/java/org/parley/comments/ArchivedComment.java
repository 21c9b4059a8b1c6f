package org.parley.comments;

import java.time.Instant;
import java.util.Optional;
import org.parley.identity.ReaderId;

/**
 * A comment brought from another system's export, as {@link Comments#importThread} stores it.
 *
 * @param ref       its id in the export, unique within the thread; replies name their parent by it
 * @param parentRef the comment it replies to: an earlier comment of the same thread, or one of the thread's
 *                  {@link ArchivedThread#storedParents()}; empty for a top-level comment
 * @param html      the comment as the export holds it, cleaned exactly like a new comment's
 * @param status    published, pending, rejected or deleted (a deleted comment keeps no text and no name)
 * @param createdAt when it was first posted, kept as it was
 * @param up        up votes as they counted where it comes from (0 when the export has none); likewise {@code down}.
 *                  Kept as counts: no voter comes with them, so they cannot be withdrawn one by one
 */
public record ArchivedComment(String ref, Optional<String> parentRef, ReaderId author, Optional<String> authorName,
                              ArchivedHtml html, CommentStatus status, Instant createdAt, int up, int down) {

    public ArchivedComment {
        if (ref == null || ref.isEmpty() || html == null || status == null || createdAt == null) {
            throw new IllegalArgumentException("an archived comment needs a ref, html, a status and a time");
        }
        if (up < 0 || down < 0) {
            throw new IllegalArgumentException("vote counts are never negative");
        }
        if (status == CommentStatus.BLOCKED) {
            throw new IllegalArgumentException("blocked is how a reader sees a comment, never a stored status");
        }
    }
}
