package org.parley.moderation;

import java.time.Instant;
import java.util.Optional;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/**
 * A ban, suspension or warning of a commenter on a site, with the message they are shown.
 *
 * @param section  the section it holds in, when a moderator of that section imposed it; empty: the whole site
 * @param endsAt   when a suspension ends; empty for a ban (until lifted) and a warning
 * @param liftedAt when a moderator lifted it early
 */
public record Sanction(String id, SiteId site, Optional<String> section, ReaderId commenter, SanctionKind kind, String message,
                       Instant startsAt, Optional<Instant> endsAt, String createdBy, Optional<Instant> liftedAt) {

    /** True when it holds on a page of {@code pageSection} (empty: a page in no section). */
    public boolean coversSection(Optional<String> pageSection) {
        return section.isEmpty() || section.equals(pageSection);
    }

    /** True when it restricts commenting at {@code time}. */
    public boolean restrictsAt(Instant time) {
        return kind != SanctionKind.WARNING && liftedAt.isEmpty() && !time.isBefore(startsAt)
                && endsAt.map(time::isBefore).orElse(true);
    }
}
