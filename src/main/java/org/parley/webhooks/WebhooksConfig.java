package org.parley.webhooks;

import java.time.Duration;

/**
 * How webhooks are sent.
 *
 * @param allowPrivateTargets also post to loopback, private, link-local and metadata addresses (tests,
 *                            an intranet); off by default so that an admin cannot aim Parley at its own network
 * @param timeout             for connecting and for the whole answer of one attempt
 * @param maxAttempts         tries per message before it is marked failed
 * @param logKept             how long delivery log rows and finished messages are kept
 * @param pollEvery           how often each node looks for due messages
 */
public record WebhooksConfig(boolean allowPrivateTargets, Duration timeout, int maxAttempts, Duration logKept,
                             Duration pollEvery) {

    public static final int MAX_ATTEMPTS_LIMIT = 12;

    public WebhooksConfig {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts must be 1 to " + MAX_ATTEMPTS_LIMIT + ", was " + maxAttempts);
        }
    }

    /** Public targets only, 10 s timeout, 8 attempts over about a day, a 30-day log, a look every second. */
    public static WebhooksConfig defaults() {
        return new WebhooksConfig(false, Duration.ofSeconds(10), 8, Duration.ofDays(30), Duration.ofSeconds(1));
    }
}
