package org.parley.identity;

import org.parley.http.ProblemType;

/** Problems about who the caller is. */
public enum IdentityProblem implements ProblemType {
    UNKNOWN_GUEST_TOKEN(401, "Guest token not recognised"),
    SESSION_ENDED(401, "Session ended"),
    SIGN_IN_REQUIRED(403, "Sign in to write here"),
    NAME_TAKEN(409, "Name held by a signed-in reader"),
    EMPTY_ACCOUNT_NAME(400, "Name has no letter or digit"),
    NO_ACCOUNT(409, "A guest has no account"),
    UNKNOWN_BROWSER(400, "Not this browser's guest token"),
    NAME_FROM_NEWSROOM(409, "Name given by the newsroom's login"),
    LOGIN_IN_USE(409, "That login belongs to another account"),
    ACCOUNT_OF_ANOTHER_SITE(403, "Account belongs to another site's readers"),
    SELF_BLOCK(409, "You cannot block yourself"),
    TOO_MANY_GUESTS(429, "Too many new guests from one network");

    private final int status;
    private final String title;

    IdentityProblem(int status, String title) {
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
