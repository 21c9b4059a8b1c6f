package org.parley.comments;

import org.parley.http.ProblemType;

/** Problems about threads, comments and votes. */
public enum CommentProblem implements ProblemType {
    EMPTY_COMMENT("empty-comment", 422, "Comment is empty"),
    COMMENT_TOO_LONG("comment-too-long", 422, "Comment is too long"),
    INVALID_NAME("invalid-name", 422, "Display name is not acceptable"),
    INVALID_PAGE("invalid-page", 422, "Page key or page details are not acceptable"),
    UNKNOWN_PARENT("unknown-parent", 422, "Replied-to comment does not exist"),
    PARENT_ON_OTHER_PAGE("parent-on-other-page", 422, "Replied-to comment is on another page"),
    PARENT_DELETED("parent-deleted", 409, "Replied-to comment was deleted"),
    PAGE_CLOSED("page-closed", 409, "Page is closed to new comments"),
    UNKNOWN_COMMENT("unknown-comment", 404, "No such comment"),
    COMMENT_DELETED("comment-deleted", 409, "Comment was deleted"),
    EDIT_WINDOW_CLOSED("edit-window-closed", 409, "Edit window has closed"),
    NOT_YOUR_COMMENT("not-your-comment", 403, "Not your comment"),
    NOT_BLOCKED("not-blocked", 404, "Not on your block list"),
    OWN_COMMENT_VOTE("own-comment-vote", 409, "You cannot vote on your own comment"),
    INVALID_CURSOR("invalid-cursor", 400, "Pagination cursor is not valid"),
    INVALID_SORT("invalid-sort", 400, "Unknown sort order");

    private final String slug;
    private final int status;
    private final String title;

    CommentProblem(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
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
