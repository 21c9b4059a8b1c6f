package org.parley.moderation;

import org.parley.http.ProblemType;

/** Problems about moderation: refused commenters, reports, moderators' requests. */
public enum ModerationProblem implements ProblemType {
    BANNED(403, "You are banned from commenting on this site"),
    SUSPENDED(403, "You are suspended from commenting on this site"),
    ALREADY_REPORTED(409, "You already reported this comment"),
    INVALID_REPORT(422, "Report is not acceptable"),
    OUT_OF_SCOPE(403, "Outside your moderation scope"),
    INVALID_RULES(422, "Moderation rules are not acceptable"),
    INVALID_ACTION(422, "Moderation action is not acceptable"),
    INVALID_WORDS(422, "Word list change is not acceptable"),
    UNKNOWN_SANCTION(404, "No such sanction");

    private final int status;
    private final String title;

    ModerationProblem(int status, String title) {
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
