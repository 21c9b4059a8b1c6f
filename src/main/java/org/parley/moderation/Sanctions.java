package org.parley.moderation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;
import org.parley.store.Database;

/** Bans, suspensions and warnings: stored, listed, and enforced when a commenter posts. */
final class Sanctions {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final SanctionRepository repository = new SanctionRepository();

    Sanctions(Database db) {
        this.db = db;
    }

    List<Sanction> of(SiteId site, ReaderId commenter) {
        return db.read(h -> repository.of(h, site, commenter));
    }

    void add(Sanction sanction) {
        db.write(h -> {
            repository.insert(h, sanction);
            return null;
        });
    }

    /**
     * Throws the commenter's ban or suspension, with its message, if one holds at {@code now} on a page of
     * {@code section} (empty: a page in no section, or anything not on a page, such as an image upload,
     * where only site-wide sanctions hold).
     */
    void refuseIfRestricted(SiteId site, Optional<String> section, ReaderId commenter, Instant now) {
        for (Sanction sanction : of(site, commenter)) {
            if (!sanction.restrictsAt(now) || !sanction.coversSection(section)) {
                continue;
            }
            String where = sanction.section().map(s -> " in the '" + s + "' section").orElse(" on this site");
            if (sanction.kind() == SanctionKind.BAN) {
                throw new ParleyException.Forbidden(ModerationProblem.BANNED,
                        "You can no longer comment" + where + ". Moderators' message: " + sanction.message());
            }
            throw new ParleyException.Forbidden(ModerationProblem.SUSPENDED, "You can comment" + where + " again after "
                    + WHEN.format(sanction.endsAt().orElseThrow()) + ". Moderators' message: " + sanction.message());
        }
    }
}
