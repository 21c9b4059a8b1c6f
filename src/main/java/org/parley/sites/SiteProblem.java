package org.parley.sites;

import org.parley.http.ProblemType;

/** Problems about sites. */
public enum SiteProblem implements ProblemType {
    UNKNOWN_SITE(404, "No such site"),
    INVALID_SITE_SECRET(401, "Site secret missing or wrong");

    private final int status;
    private final String title;

    SiteProblem(int status, String title) {
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
