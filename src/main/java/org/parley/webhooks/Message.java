package org.parley.webhooks;

import java.time.Instant;

/** One outbox row: what to send to which endpoint, and how often it was tried. */
record Message(String id, String endpointId, EventType type, String payload, Instant createdAt, int attempts) {
}
