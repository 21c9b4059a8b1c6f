package org.parley.comments;

/**
 * Facts about threads, published on the event bus after the change committed. Each carries the page
 * and the page version the change produced, so a listener can fetch what changed, in order.
 */
public sealed interface CommentEvent {

    PageId pageId();

    long version();

    /**
     * A new comment, with the status screening gave it (published, held or rejected) and the comment it replies to
     * (null for a top-level comment, and from a node of an earlier version).
     */
    record CommentPosted(PageId pageId, long version, CommentId commentId, CommentStatus status, CommentId parentId)
            implements CommentEvent {
    }

    record CommentEdited(PageId pageId, long version, CommentId commentId) implements CommentEvent {
    }

    record CommentRemoved(PageId pageId, long version, CommentId commentId) implements CommentEvent {
    }

    record CommentVoted(PageId pageId, long version, CommentId commentId) implements CommentEvent {
    }

    /** A moderator approved, rejected or featured the comment. */
    record CommentModerated(PageId pageId, long version, CommentId commentId) implements CommentEvent {
    }

    /** The host site changed the page's metadata, or closed or reopened it. */
    record PageUpdated(PageId pageId, long version) implements CommentEvent {
    }
}
