package org.parley.mail;

import org.parley.http.ProblemType;

/** Problems with email input: addresses and unsubscribe links. */
public enum MailProblem implements ProblemType {
    INVALID_EMAIL_ADDRESS(400, "Email address is not valid"),
    MALFORMED_UNSUBSCRIBE_TOKEN(400, "Unsubscribe link is damaged"),
    FORGED_UNSUBSCRIBE_TOKEN(403, "Unsubscribe link was not issued by this Parley"),
    EXPIRED_UNSUBSCRIBE_TOKEN(410, "Unsubscribe link has expired");

    private final int status;
    private final String title;

    MailProblem(int status, String title) {
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
