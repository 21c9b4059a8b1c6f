package org.parley.comments;

import java.time.Instant;
import java.util.Optional;
import org.parley.identity.GuestId;

/** A comment as stored, without its markdown source (threads never need it). */
record CommentRow(
        String id,
        PageId pageId,
        Optional<String> parentId,
        int depth,
        String authorId,
        Optional<String> authorName,
        SafeHtml html,
        CommentStatus status,
        long createdAt,
        Optional<Long> editedAt,
        int up,
        int down) {

    /** How readers see this comment, given how many visible replies it has. Deleted: no author, no text. */
    Comment view(int replyCount) {
        boolean deleted = status == CommentStatus.DELETED;
        return new Comment(
                new CommentId(id),
                parentId.map(CommentId::new),
                depth,
                deleted ? Optional.empty() : Optional.of(new Author(new GuestId(authorId), authorName)),
                status,
                deleted ? new SafeHtml("") : html,
                Instant.ofEpochMilli(createdAt),
                editedAt.map(Instant::ofEpochMilli),
                up,
                down,
                replyCount);
    }
}
