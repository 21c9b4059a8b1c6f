package org.parley.identity;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code reader_policies} table. */
final class ReaderPolicyRepository {

    Optional<ReaderPolicy> find(Handle h, SiteId site) {
        return h.createQuery("SELECT realm, guests_may_write FROM reader_policies WHERE site_id = :site")
                .bind("site", site.value())
                .map((rs, ctx) -> new ReaderPolicy(rs.getString(1), rs.getBoolean(2)))
                .findOne();
    }

    void save(Handle h, SiteId site, ReaderPolicy policy, Instant now) {
        h.createUpdate("""
                        INSERT INTO reader_policies (site_id, realm, guests_may_write, updated_at)
                        VALUES (:site, :realm, :guests, :now)
                        ON CONFLICT (site_id) DO UPDATE SET realm = excluded.realm, guests_may_write = excluded.guests_may_write,
                                                            updated_at = excluded.updated_at""")
                .bind("site", site.value())
                .bind("realm", policy.realm())
                .bind("guests", policy.guestsMayWrite())
                .bind("now", now.toEpochMilli())
                .execute();
    }
}
