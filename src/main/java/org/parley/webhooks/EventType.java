package org.parley.webhooks;

import java.util.Locale;
import java.util.Optional;

/** What a webhook message announces; the {@link #apiName} is the payload's {@code type}. */
public enum EventType {
    COMMENT_CREATED("comment.created"),
    COMMENT_PUBLISHED("comment.published"),
    COMMENT_HELD("comment.held"),
    COMMENT_REJECTED("comment.rejected"),
    COMMENT_REPORTED("comment.reported"),
    SANCTION_GIVEN("sanction.given"),
    SANCTION_LIFTED("sanction.lifted"),
    /** Sent only when an admin asks for a test message; no endpoint subscribes to it. */
    WEBHOOK_TEST("webhook.test");

    private final String apiName;

    EventType(String apiName) {
        this.apiName = apiName;
    }

    /** {@code comment.created} and so on. */
    public String apiName() {
        return apiName;
    }

    /** False for {@code webhook.test}, which is sent on request only. */
    public boolean subscribable() {
        return this != WEBHOOK_TEST;
    }

    /** The subscribable type spelled {@code name}, if there is one. */
    public static Optional<EventType> parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (EventType type : values()) {
            if (type.subscribable() && type.apiName.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
