package org.parley.comments;

import java.util.Optional;
import java.util.Set;

/**
 * Whose eyes a thread is seen through. The public lens shows published comments; a reader's own lens
 * also shows their comments awaiting or refused moderation, and turns the comments of readers they
 * blocked into collapsed placeholders (or hides them when nothing hangs from them).
 */
record Lens(Optional<String> viewerId, Set<String> blockedIds) {

    static final Lens PUBLIC = new Lens(Optional.empty(), Set.of());

    boolean isPublic() {
        return viewerId.isEmpty() && blockedIds.isEmpty();
    }

    boolean isOwn(CommentRow row) {
        return viewerId.isPresent() && viewerId.get().equals(row.authorId());
    }

    /** True when the reader sees this comment itself (not only as a placeholder). */
    boolean shows(CommentRow row) {
        return switch (row.status()) {
            case PUBLISHED -> !blockedIds.contains(row.authorId());
            case PENDING, REJECTED -> isOwn(row);
            case DELETED, BLOCKED -> false;
        };
    }

    /**
     * What a comment the reader does not see looks like when replies keep it in place. A held comment has
     * replies only when an edit sent it back to a moderator.
     */
    CommentStatus placeholderFor(CommentRow row) {
        return switch (row.status()) {
            case PUBLISHED -> CommentStatus.BLOCKED;
            case REJECTED, PENDING -> row.status();
            case DELETED, BLOCKED -> CommentStatus.DELETED;
        };
    }

    Comment present(CommentRow row, int replyCount) {
        if (!shows(row)) {
            return row.placeholder(placeholderFor(row), replyCount);
        }
        return isOwn(row) ? row.view(replyCount) : row.publicView(replyCount);
    }
}
