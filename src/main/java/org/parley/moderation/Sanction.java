package org.parley.moderation;

import java.time.Instant;
import java.util.Optional;
import org.parley.identity.GuestId;
import org.parley.sites.SiteId;

/**
 * A ban, suspension or warning of a commenter on a site, with the message they are shown.
 *
 * @param endsAt   when a suspension ends; empty for a ban (until lifted) and a warning
 * @param liftedAt when a moderator lifted it early
 */
public record Sanction(String id, SiteId site, GuestId commenter, SanctionKind kind, String message,
                       Instant startsAt, Optional<Instant> endsAt, String createdBy, Optional<Instant> liftedAt) {

    /** True when it restricts commenting at {@code time}. */
    public boolean restrictsAt(Instant time) {
        return kind != SanctionKind.WARNING && liftedAt.isEmpty() && !time.isBefore(startsAt)
                && endsAt.map(time::isBefore).orElse(true);
    }
}
