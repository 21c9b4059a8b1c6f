package org.parley.sites;

import org.parley.http.ProblemType;

/** Problems about sites. */
public enum SiteProblem implements ProblemType {
    UNKNOWN_SITE("unknown-site", 404, "No such site"),
    INVALID_SITE_SECRET("invalid-site-secret", 401, "Site secret missing or wrong");

    private final String slug;
    private final int status;
    private final String title;

    SiteProblem(String slug, int status, String title) {
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
