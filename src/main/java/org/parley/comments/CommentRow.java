package org.parley.comments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.identity.ReaderId;

/** A comment as stored, without its markdown source and screening reasons (threads never need them). */
record CommentRow(
        String id,
        PageId pageId,
        Optional<String> parentId,
        int depth,
        String authorId,
        Optional<String> authorName,
        List<String> authorBadges,
        SafeHtml html,
        CommentStatus status,
        long createdAt,
        Optional<Long> editedAt,
        int up,
        int down,
        boolean featured,
        Optional<String> authorNote,
        List<CommentImage> images) {

    CommentRow {
        images = List.copyOf(images);
        authorBadges = List.copyOf(authorBadges);
    }

    /** The same row showing {@code shown}. */
    CommentRow withImages(List<CommentImage> shown) {
        return new CommentRow(id, pageId, parentId, depth, authorId, authorName, authorBadges, html, status, createdAt, editedAt,
                up, down, featured, authorNote, shown);
    }

    /** How its author sees it: everything, the moderators' note included. */
    Comment view(int replyCount) {
        return new Comment(new CommentId(id), parentId.map(CommentId::new), depth,
                Optional.of(new Author(new ReaderId(authorId), authorName, authorBadges)), status, html,
                Instant.ofEpochMilli(createdAt), editedAt.map(Instant::ofEpochMilli), up, down, replyCount, featured,
                authorNote, images);
    }

    /** How other readers see it when it is visible: no note to the author. */
    Comment publicView(int replyCount) {
        return new Comment(new CommentId(id), parentId.map(CommentId::new), depth,
                Optional.of(new Author(new ReaderId(authorId), authorName, authorBadges)), status, html,
                Instant.ofEpochMilli(createdAt), editedAt.map(Instant::ofEpochMilli), up, down, replyCount, featured,
                Optional.empty(), images);
    }

    /** A placeholder keeping the place of a comment the reader may not see, above replies they may. */
    Comment placeholder(CommentStatus shownAs, int replyCount) {
        return new Comment(new CommentId(id), parentId.map(CommentId::new), depth, Optional.empty(), shownAs,
                new SafeHtml(""), Instant.ofEpochMilli(createdAt), Optional.empty(), 0, 0, replyCount, false,
                Optional.empty(), List.of());
    }

    boolean isPublished() {
        return status == CommentStatus.PUBLISHED;
    }
}
