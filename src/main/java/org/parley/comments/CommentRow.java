package org.parley.comments;

import java.util.Optional;

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
}
