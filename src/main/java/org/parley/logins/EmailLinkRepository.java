package org.parley.logins;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code email_sign_ins} table. */
final class EmailLinkRepository {

    /** A link as stored: for whom, and the name they asked for. */
    record Pending(String email, Optional<String> name) {
    }

    void insert(Handle h, String tokenHash, SiteId site, String email, Optional<String> name, Instant now, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO email_sign_ins (token_hash, site_id, email, name, created_at, expires_at)
                        VALUES (:hash, :site, :email, :name, :now, :expires)""")
                .bind("hash", tokenHash)
                .bind("site", site.value())
                .bind("email", email)
                .bind("name", name.orElse(null))
                .bind("now", now.toEpochMilli())
                .bind("expires", expiresAt.toEpochMilli())
                .execute();
    }

    /** Uses the link if it is the site's, unused and unexpired: the one caller that gets it, of any racing. */
    Optional<Pending> use(Handle h, String tokenHash, SiteId site, Instant now) {
        int used = h.createUpdate("""
                        UPDATE email_sign_ins SET used_at = :now
                        WHERE token_hash = :hash AND site_id = :site AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash)
                .bind("site", site.value())
                .bind("now", now.toEpochMilli())
                .execute();
        if (used == 0) {
            return Optional.empty();
        }
        return h.createQuery("SELECT email, name FROM email_sign_ins WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new Pending(rs.getString(1), Optional.ofNullable(rs.getString(2))))
                .findOne();
    }

    int forgetBefore(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM email_sign_ins WHERE expires_at < :before").bind("before", before.toEpochMilli()).execute();
    }
}
