package org.parley.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.parley.sites.SiteId;

/**
 * A site's webhook endpoint as admins see it. Its signing secrets never leave the feature except once,
 * in {@link CreatedEndpoint}, when it is created or rotated.
 *
 * @param events the event types it receives
 */
public record Endpoint(String id, SiteId site, URI url, String description, Set<EventType> events, boolean enabled,
                       Instant createdAt, String createdBy) {

    public Endpoint {
        // In the order EventType declares them, so lists and pages show them alike every time.
        events = events.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(events));
    }

    /** True when it is enabled and receives {@code type}. */
    public boolean wants(EventType type) {
        return enabled && events.contains(type);
    }
}
