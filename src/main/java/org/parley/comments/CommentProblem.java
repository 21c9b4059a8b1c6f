package org.parley.comments;

import org.parley.http.ProblemType;

/** Problems about threads, comments and votes. */
public enum CommentProblem implements ProblemType {
    EMPTY_COMMENT(422, "Comment is empty"),
    COMMENT_TOO_LONG(422, "Comment is too long"),
    INVALID_NAME(422, "Display name is not acceptable"),
    INVALID_PAGE(422, "Page key or page details are not acceptable"),
    UNKNOWN_PARENT(422, "Replied-to comment does not exist"),
    PARENT_ON_OTHER_PAGE(422, "Replied-to comment is on another page"),
    PARENT_DELETED(409, "Replied-to comment was deleted"),
    PAGE_CLOSED(409, "Page is closed to comments"),
    UNKNOWN_COMMENT(404, "No such comment"),
    COMMENT_DELETED(409, "Comment was deleted"),
    COMMENT_REJECTED(409, "Comment was not published by moderation"),
    CHANGED_SINCE_READ(409, "Comment was edited since you read it"),
    EDIT_REJECTED(422, "Edit was not accepted"),
    EDIT_WINDOW_CLOSED(409, "Edit window has closed"),
    NOT_YOUR_COMMENT(403, "Not your comment"),
    NOT_BLOCKED(404, "Not on your block list"),
    OWN_COMMENT_VOTE(409, "You cannot vote on your own comment"),
    INVALID_CURSOR(400, "Pagination cursor is not valid"),
    INVALID_SORT(400, "Unknown sort order"),
    TOO_MANY_IMAGES(422, "Too many images"),
    IMAGE_NOT_UPLOADED(422, "Attached image was not uploaded"),
    INVALID_IMAGES(422, "Attached images are not acceptable"),
    UNKNOWN_COMMENT_IMAGE(404, "Comment does not show that image"),
    INVALID_LIVE_TICKET(400, "Live ticket is not valid"),
    LIVE_FULL(503, "This server holds as many live readers as it can");

    private final int status;
    private final String title;

    CommentProblem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
