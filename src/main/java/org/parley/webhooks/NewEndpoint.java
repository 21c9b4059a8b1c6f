package org.parley.webhooks;

import java.util.List;

/**
 * An endpoint an admin asks for, as typed: the door checks the URL (http or https, a public address
 * unless private targets are allowed), the description's length and the event names.
 *
 * @param events event type names such as {@code comment.created}; at least one
 */
public record NewEndpoint(String url, String description, List<String> events) {

    public NewEndpoint {
        events = List.copyOf(events);
    }
}
