package org.parley.moderation;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/** SQL for the {@code nudges} table. */
final class NudgeRepository {

    void insert(Handle h, SiteId site, ReaderId guest, String outcome, Optional<Double> score, Instant at) {
        h.createUpdate("INSERT INTO nudges (site_id, guest_id, outcome, score, at) VALUES (:site, :guest, :outcome, :score, :at)")
                .bind("site", site.value())
                .bind("guest", guest.value())
                .bind("outcome", outcome)
                .bind("score", score.orElse(null))
                .bind("at", at.toEpochMilli())
                .execute();
    }

    NudgeStats since(Handle h, SiteId site, Instant since) {
        int[] counts = new int[3];
        h.createQuery("SELECT outcome, COUNT(*) FROM nudges WHERE site_id = :site AND at >= :since GROUP BY outcome")
                .bind("site", site.value())
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getInt(2)})
                .forEach(row -> {
                    switch ((String) row[0]) {
                        case "shown" -> counts[0] = (Integer) row[1];
                        case "edited" -> counts[1] = (Integer) row[1];
                        default -> counts[2] += (Integer) row[1];
                    }
                });
        return new NudgeStats(counts[0], counts[1], counts[2]);
    }
}
