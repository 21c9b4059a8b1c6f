package org.parley.staff;

import org.parley.http.ProblemType;

/** Problems about newsroom staff: signing in, sessions, forms and accounts. */
public enum StaffProblem implements ProblemType {
    /** No valid staff session; HTML pages redirect to {@link Staff#loginLocation} instead of showing it. */
    STAFF_LOGIN_REQUIRED(401, "Staff sign-in required"),
    CSRF_TOKEN_INVALID(403, "Form token missing or wrong"),
    CROSS_ORIGIN_FORM(403, "Form sent from another origin"),
    LOGIN_RATE_LIMITED(429, "Too many failed sign-ins"),
    STAFF_USERNAME_TAKEN(409, "Username already taken"),
    UNKNOWN_STAFF_USER(404, "No such staff user"),
    INVALID_STAFF_EMAIL(400, "Not an email address");

    private final int status;
    private final String title;

    StaffProblem(int status, String title) {
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
