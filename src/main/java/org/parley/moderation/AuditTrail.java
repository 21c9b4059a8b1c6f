package org.parley.moderation;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;
import org.parley.staff.StaffUser;
import org.parley.store.Ids;

/** Writes a moderator's action into the audit log, inside the action's own transaction. */
final class AuditTrail {

    private final Ids ids;
    private final AuditRepository audit;

    AuditTrail(Ids ids, AuditRepository audit) {
        this.ids = ids;
        this.audit = audit;
    }

    /** Appends who did what to which target, why, and the target's state before and after (JSON); returns the entry. */
    AuditEntry record(Handle h, StaffUser who, Instant now, SiteId site, String action, String targetKind, String target,
                      Optional<String> subject, Optional<String> reason, Optional<String> before, Optional<String> after) {
        AuditEntry entry = new AuditEntry(ids.next("a", now.toEpochMilli()), now, who.id().value(), who.username(), site,
                action, targetKind, target, subject, reason.filter(r -> !r.isBlank()), before, after);
        audit.append(h, entry);
        return entry;
    }
}
