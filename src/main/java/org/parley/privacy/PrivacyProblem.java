package org.parley.privacy;

import org.parley.http.ProblemType;

/** Problems with a reader's own data. */
public enum PrivacyProblem implements ProblemType {
    NOT_SIGNED_IN(403, "Sign in first"),
    NOT_A_GUEST_TOKEN(400, "Not a guest token");

    private final int status;
    private final String title;

    PrivacyProblem(int status, String title) {
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
