package org.parley.moderation;

import java.time.Instant;
import java.util.Optional;
import org.parley.sites.SiteId;

/**
 * One moderator action as the audit log keeps it: who, what, when, why, and the target before and
 * after (JSON). Entries are never changed or removed.
 *
 * @param action     e.g. {@code reject}, {@code suspend}, {@code word-list.add}
 * @param targetKind {@code comment}, {@code commenter}, {@code word-list}, {@code page} or {@code settings}
 * @param subject    the commenter the action concerns (the comment's author), if any
 */
public record AuditEntry(String id, Instant at, String actorId, String actorName, SiteId site, String action,
                         String targetKind, String targetId, Optional<String> subject, Optional<String> reason,
                         Optional<String> before, Optional<String> after) {
}
