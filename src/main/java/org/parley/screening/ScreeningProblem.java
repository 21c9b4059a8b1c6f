package org.parley.screening;

import org.parley.http.ProblemType;

/** Problems screening answers a commenter with: posting or editing faster than the site allows. */
public enum ScreeningProblem implements ProblemType {
    TOO_MANY_COMMENTS(429, "Too many comments in a short time"),
    TOO_MANY_EDITS(429, "Too many edits in a short time");

    private final int status;
    private final String title;

    ScreeningProblem(int status, String title) {
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
