package org.parley.moderation;

import org.parley.http.ProblemType;

/** Problems about moderation: refused commenters, reports, moderators' requests. */
public enum ModerationProblem implements ProblemType {
    BANNED("banned", 403, "You are banned from commenting on this site"),
    SUSPENDED("suspended", 403, "You are suspended from commenting on this site"),
    TOO_MANY_COMMENTS("too-many-comments", 429, "Too many comments in a short time"),
    ALREADY_REPORTED("already-reported", 409, "You already reported this comment"),
    INVALID_REPORT("invalid-report", 422, "Report is not acceptable"),
    OUT_OF_SCOPE("out-of-scope", 403, "Outside your moderation scope"),
    INVALID_RULES("invalid-rules", 422, "Moderation rules are not acceptable"),
    INVALID_ACTION("invalid-action", 422, "Moderation action is not acceptable");

    private final String slug;
    private final int status;
    private final String title;

    ModerationProblem(String slug, int status, String title) {
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
