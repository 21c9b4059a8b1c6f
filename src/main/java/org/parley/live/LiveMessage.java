package org.parley.live;

/**
 * One server-sent event for a topic: its sequence number (sent as the SSE id, so a client resumes with
 * {@code Last-Event-ID}), event name and JSON data.
 */
public record LiveMessage(long sequence, String event, String data) {
}
