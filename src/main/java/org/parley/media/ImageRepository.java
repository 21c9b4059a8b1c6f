package org.parley.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code images} table: one row per image id, both variants' bytes in the row. */
final class ImageRepository {

    private static final String COLUMNS = "id, format, width, height, display_width, display_height, thumb_width, thumb_height";

    /**
     * Stores the rendition, or — when these bytes are already stored — only records that they were uploaded
     * again at {@code now}, so a fresh upload is never swept as unreferenced. Returns the stored image,
     * which for a repeat upload is the row as first stored.
     */
    StoredImage save(Handle h, Rendition image, Instant now) {
        int touched = h.createUpdate("UPDATE images SET uploaded_at = :now WHERE id = :id AND uploaded_at < :now")
                .bind("id", image.id().value())
                .bind("now", now.toEpochMilli())
                .execute();
        if (touched == 0 && find(h, image.id()).isEmpty()) {
            // ON CONFLICT: another node may have stored the same bytes since the check; theirs is as good.
            h.createUpdate("INSERT INTO images (" + COLUMNS + ", thumb_bytes, display_bytes, created_at, uploaded_at) "
                            + "VALUES (:id, :format, :width, :height, :displayWidth, :displayHeight, :thumbWidth, :thumbHeight, "
                            + ":thumb, :display, :now, :now) ON CONFLICT (id) DO NOTHING")
                    .bind("id", image.id().value())
                    .bind("format", image.format().slug())
                    .bind("width", image.width())
                    .bind("height", image.height())
                    .bind("displayWidth", image.displayWidth())
                    .bind("displayHeight", image.displayHeight())
                    .bind("thumbWidth", image.thumbWidth())
                    .bind("thumbHeight", image.thumbHeight())
                    .bind("thumb", image.thumb())
                    .bind("display", image.display())
                    .bind("now", now.toEpochMilli())
                    .execute();
        }
        return find(h, image.id()).orElseThrow(() -> new IllegalStateException("image " + image.id() + " vanished while stored"));
    }

    Optional<StoredImage> find(Handle h, ImageId id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM images WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> stored(rs))
                .findOne();
    }

    Optional<ImageBytes> variant(Handle h, ImageId id, Variant variant) {
        String column = switch (variant) {
            case DISPLAY -> "display_bytes";
            case THUMB -> "thumb_bytes";
        };
        return h.createQuery("SELECT format, " + column + " FROM images WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new ImageBytes(id, variant, ImageFormat.ofSlug(rs.getString(1)), rs.getBytes(2)))
                .findOne();
    }

    /** Up to {@code limit} ids of images last uploaded before {@code cutoff}, after {@code after} in id order. */
    List<ImageId> uploadedBefore(Handle h, Instant cutoff, String after, int limit) {
        return h.createQuery("SELECT id FROM images WHERE uploaded_at < :cutoff AND id > :after ORDER BY id LIMIT :limit")
                .bind("cutoff", cutoff.toEpochMilli())
                .bind("after", after)
                .bind("limit", limit)
                .mapTo(String.class)
                .map(ImageId::new)
                .list();
    }

    int delete(Handle h, Collection<ImageId> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return h.createUpdate("DELETE FROM images WHERE id IN (<ids>)")
                .bindList("ids", ids.stream().map(ImageId::value).toList())
                .execute();
    }

    private static StoredImage stored(ResultSet rs) throws SQLException {
        return new StoredImage(new ImageId(rs.getString("id")), ImageFormat.ofSlug(rs.getString("format")),
                rs.getInt("width"), rs.getInt("height"), rs.getInt("display_width"), rs.getInt("display_height"),
                rs.getInt("thumb_width"), rs.getInt("thumb_height"));
    }
}
