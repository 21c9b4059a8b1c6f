package org.parley.moderation;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code moderation_settings} table. */
final class SettingsRepository {

    Optional<String> find(Handle h, SiteId site, String page) {
        return h.createQuery("SELECT settings FROM moderation_settings WHERE site_id = :site AND page_key = :page")
                .bind("site", site.value())
                .bind("page", page)
                .mapTo(String.class)
                .findOne();
    }

    void save(Handle h, SiteId site, String page, String settings, String by, Instant now) {
        h.createUpdate("""
                        INSERT INTO moderation_settings (site_id, page_key, settings, updated_at, updated_by)
                        VALUES (:site, :page, :settings, :now, :by)
                        ON CONFLICT (site_id, page_key) DO UPDATE SET settings = excluded.settings,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .bind("site", site.value())
                .bind("page", page)
                .bind("settings", settings)
                .bind("now", now.toEpochMilli())
                .bind("by", by)
                .execute();
    }

    void delete(Handle h, SiteId site, String page) {
        h.createUpdate("DELETE FROM moderation_settings WHERE site_id = :site AND page_key = :page")
                .bind("site", site.value())
                .bind("page", page)
                .execute();
    }
}
