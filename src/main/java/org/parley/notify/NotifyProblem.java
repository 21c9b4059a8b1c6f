package org.parley.notify;

import org.parley.http.ProblemType;

/** Problems with a reader's email settings. */
public enum NotifyProblem implements ProblemType {
    NO_VERIFIED_EMAIL(403, "No verified email address"),
    TOO_MANY_MUTES(409, "Too many muted threads");

    private final int status;
    private final String title;

    NotifyProblem(int status, String title) {
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
