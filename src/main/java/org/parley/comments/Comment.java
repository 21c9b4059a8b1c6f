package org.parley.comments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A comment as the reader asking sees it. A placeholder (deleted, removed, or by someone the reader
 * blocked) keeps its id, place and replies but has no author and empty html.
 *
 * @param depth      0 for a top-level comment, parent's depth + 1 for a reply
 * @param replyCount visible direct replies, placeholders included
 * @param featured   moderators highlighted it
 * @param note       the moderators' message to the author; only in the author's own view
 * @param images     the images it shows, in the author's order; none on a placeholder
 */
public record Comment(
        CommentId id,
        Optional<CommentId> parentId,
        int depth,
        Optional<Author> author,
        CommentStatus status,
        SafeHtml html,
        Instant createdAt,
        Optional<Instant> editedAt,
        int up,
        int down,
        int replyCount,
        boolean featured,
        Optional<String> note,
        List<CommentImage> images) {

    public Comment {
        images = List.copyOf(images);
    }

    /** Up-votes minus down-votes. */
    public int score() {
        return up - down;
    }
}
