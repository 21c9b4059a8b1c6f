package org.parley.webhooks;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt to deliver a message, as the delivery log keeps it.
 *
 * @param messageId     the {@code webhook-id}, the same on every attempt of one message
 * @param attempt       1 for the first try
 * @param statusCode    the endpoint's HTTP status; empty when it did not answer
 * @param error         why it did not count as delivered, in a few words; empty when it did
 * @param nextAttemptAt when it is tried again; empty when delivered or given up
 */
public record Delivery(String messageId, String endpointId, EventType type, int attempt, Instant at,
                       Optional<Integer> statusCode, long durationMillis, Optional<String> error,
                       Optional<Instant> nextAttemptAt) {

    /** True when the endpoint answered 2xx. */
    public boolean delivered() {
        return statusCode.filter(code -> code >= 200 && code < 300).isPresent();
    }
}
