package org.parley.webhooks;

import org.parley.http.ProblemType;

/** Problems with webhook requests. */
public enum WebhookProblem implements ProblemType {
    UNKNOWN_WEBHOOK(404, "No such webhook endpoint"),
    INVALID_WEBHOOK(422, "Webhook endpoint is not acceptable"),
    WEBHOOK_TARGET_REFUSED(422, "Webhook target address is refused"),
    NOT_SITE_ADMIN(403, "Only the site's admins manage its webhooks");

    private final int status;
    private final String title;

    WebhookProblem(int status, String title) {
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
