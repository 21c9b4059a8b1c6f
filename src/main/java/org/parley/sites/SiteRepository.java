package org.parley.sites;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code sites} table. */
final class SiteRepository {

    Optional<Site> find(Handle h, SiteId id) {
        return h.createQuery("""
                        SELECT id, name, origins, edit_window_seconds, max_comment_length, images_per_comment, max_image_bytes,
                               max_image_pixels
                        FROM sites WHERE id = :id""")
                .bind("id", id.value())
                .map((rs, ctx) -> site(rs))
                .findOne();
    }

    List<Site> all(Handle h) {
        return h.createQuery("""
                        SELECT id, name, origins, edit_window_seconds, max_comment_length, images_per_comment, max_image_bytes,
                               max_image_pixels
                        FROM sites ORDER BY id""")
                .map((rs, ctx) -> site(rs))
                .list();
    }

    Optional<String> secretHash(Handle h, SiteId id) {
        return h.createQuery("SELECT secret_hash FROM sites WHERE id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne();
    }

    void insert(Handle h, NewSite site, String secretHash, Instant now) {
        h.createUpdate("""
                        INSERT INTO sites (id, name, origins, secret_hash, edit_window_seconds, max_comment_length,
                                           images_per_comment, max_image_bytes, max_image_pixels, created_at)
                        VALUES (:id, :name, :origins, :secret, :window, :maxLength, :images, :imageBytes, :imagePixels, :now)""")
                .bind("id", site.id().value())
                .bind("name", site.name())
                .bind("origins", String.join(" ", site.origins()))
                .bind("secret", secretHash)
                .bind("window", site.editWindow().toSeconds())
                .bind("maxLength", site.maxCommentLength())
                .bind("images", site.images().perComment())
                .bind("imageBytes", site.images().maxBytes())
                .bind("imagePixels", site.images().maxPixels())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    void update(Handle h, NewSite site) {
        h.createUpdate("""
                        UPDATE sites SET name = :name, origins = :origins, edit_window_seconds = :window,
                               max_comment_length = :maxLength, images_per_comment = :images,
                               max_image_bytes = :imageBytes, max_image_pixels = :imagePixels
                        WHERE id = :id""")
                .bind("id", site.id().value())
                .bind("name", site.name())
                .bind("origins", String.join(" ", site.origins()))
                .bind("window", site.editWindow().toSeconds())
                .bind("maxLength", site.maxCommentLength())
                .bind("images", site.images().perComment())
                .bind("imageBytes", site.images().maxBytes())
                .bind("imagePixels", site.images().maxPixels())
                .execute();
    }

    void updateSecret(Handle h, SiteId id, String secretHash) {
        h.createUpdate("UPDATE sites SET secret_hash = :secret WHERE id = :id")
                .bind("id", id.value())
                .bind("secret", secretHash)
                .execute();
    }

    private static Site site(java.sql.ResultSet rs) throws java.sql.SQLException {
        String origins = rs.getString("origins");
        return new Site(
                new SiteId(rs.getString("id")),
                rs.getString("name"),
                origins.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(origins.split(" "))),
                Duration.ofSeconds(rs.getLong("edit_window_seconds")),
                rs.getInt("max_comment_length"),
                new ImageRules(rs.getInt("images_per_comment"), rs.getLong("max_image_bytes"), rs.getLong("max_image_pixels")));
    }
}
