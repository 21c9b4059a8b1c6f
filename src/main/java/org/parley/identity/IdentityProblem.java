package org.parley.identity;

import org.parley.http.ProblemType;

/** Problems about who the caller is. */
public enum IdentityProblem implements ProblemType {
    UNKNOWN_GUEST_TOKEN("unknown-guest-token", 401, "Guest token not recognised"),
    SELF_BLOCK("self-block", 409, "You cannot block yourself");

    private final String slug;
    private final int status;
    private final String title;

    IdentityProblem(String slug, int status, String title) {
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
