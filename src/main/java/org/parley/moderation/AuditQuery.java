package org.parley.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.sites.SiteId;

/**
 * A filter over the audit log, newest entries first.
 *
 * @param sites  where to look; empty means every site (admins)
 * @param before entries older than this entry id (the last of the previous page)
 */
public record AuditQuery(List<SiteId> sites, Optional<String> action, Optional<String> actor, Optional<String> target,
                         Optional<Instant> from, Optional<Instant> to, Optional<String> before, int limit) {

    public AuditQuery {
        sites = List.copyOf(sites);
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, was " + limit);
        }
    }

    public static AuditQuery recent(List<SiteId> sites, int limit) {
        return new AuditQuery(sites, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit);
    }
}
