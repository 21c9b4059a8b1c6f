package org.parley.moderation;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.sites.SiteId;
import org.parley.store.Database;

/**
 * A site's sanctions and audit log as a full export of the site writes them, and as its import brings them back:
 * sanctions with their times and whether they were lifted; audit entries appended again, signed as imported.
 */
final class ModerationArchive {

    /** The actor id of an audit entry an import brought: no staff member of this installation did it. */
    static final String IMPORTED_ACTOR = "imported";

    private final Database db;
    private final SanctionRepository sanctions;
    private final AuditRepository audit;

    ModerationArchive(Database db, SanctionRepository sanctions, AuditRepository audit) {
        this.db = db;
        this.sanctions = sanctions;
        this.audit = audit;
    }

    void sanctionsOn(SiteId site, Consumer<Sanction> out) {
        db.readConsistent(h -> {
            sanctions.onSite(h, site, out);
            return null;
        });
    }

    void auditOn(SiteId site, Consumer<AuditEntry> out) {
        db.readConsistent(h -> {
            audit.onSite(h, site, out);
            return null;
        });
    }

    Sanction restore(Sanction exported, Optional<Instant> lifted, String liftedBy) {
        Sanction kept = new Sanction(db.ids().next("s", exported.startsAt().toEpochMilli()), exported.site(), exported.section(),
                exported.commenter(), exported.kind(), exported.message(), exported.startsAt(), exported.endsAt(), exported.createdBy(),
                Optional.empty());
        return db.write(h -> {
            sanctions.insert(h, kept);
            lifted.ifPresent(at -> sanctions.lift(h, kept.id(), liftedBy, at));
            return kept;
        });
    }

    AuditEntry restore(AuditEntry exported) {
        AuditEntry kept = new AuditEntry(db.ids().next("a", exported.at().toEpochMilli()), exported.at(), IMPORTED_ACTOR,
                exported.actorName(), exported.site(), exported.action(), exported.targetKind(), exported.targetId(),
                exported.subject(), exported.reason(), Optional.empty(), Optional.empty());
        return db.write(h -> {
            audit.append(h, kept);
            return kept;
        });
    }
}
