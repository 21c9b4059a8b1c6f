package org.parley.live;

import java.util.Optional;

/**
 * One server-sent event for a topic: its sequence number (sent as the SSE id, so a client resumes with
 * {@code Last-Event-ID}), event name and JSON data; {@code subject} names whose content it carries (a
 * comment's author), so a client's own filter can leave it out.
 */
public record LiveMessage(long sequence, String event, String data, Optional<String> subject) {

    /** A message about no one in particular. */
    public LiveMessage(long sequence, String event, String data) {
        this(sequence, event, data, Optional.empty());
    }
}
