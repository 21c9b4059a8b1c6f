package org.parley.comments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.parley.media.ImageId;

/** SQL for the {@code comment_images} table: which images each comment shows, in order. */
final class CommentImageRepository {

    private static final String COLUMNS = "ci.comment_id, ci.image_id, ci.alt, ci.display_width, ci.display_height, "
            + "ci.thumb_width, ci.thumb_height";

    void insert(Handle h, String commentId, List<CommentImage> images) {
        for (int position = 0; position < images.size(); position++) {
            CommentImage image = images.get(position);
            h.createUpdate("""
                            INSERT INTO comment_images (comment_id, position, image_id, alt, display_width, display_height,
                                                        thumb_width, thumb_height)
                            VALUES (:comment, :position, :image, :alt, :width, :height, :thumbWidth, :thumbHeight)""")
                    .bind("comment", commentId)
                    .bind("position", position)
                    .bind("image", image.id().value())
                    .bind("alt", image.alt())
                    .bind("width", image.width())
                    .bind("height", image.height())
                    .bind("thumbWidth", image.thumbWidth())
                    .bind("thumbHeight", image.thumbHeight())
                    .execute();
        }
    }

    /** The images of every comment on a page that has any, by comment id. */
    Map<String, List<CommentImage>> forPage(Handle h, PageId page) {
        return grouped(h.createQuery("SELECT " + COLUMNS + " FROM comment_images ci JOIN comments c ON c.id = ci.comment_id "
                        + "WHERE c.page_id = :page ORDER BY ci.comment_id, ci.position")
                .bind("page", page.value()));
    }

    /** The images of the given comments that have any, by comment id. */
    Map<String, List<CommentImage>> forComments(Handle h, Collection<String> commentIds) {
        if (commentIds.isEmpty()) {
            return Map.of();
        }
        return grouped(h.createQuery("SELECT " + COLUMNS + " FROM comment_images ci WHERE ci.comment_id IN (<ids>) "
                        + "ORDER BY ci.comment_id, ci.position")
                .bindList("ids", List.copyOf(commentIds)));
    }

    /** Takes one image off a comment; false when the comment did not show it. */
    boolean remove(Handle h, String commentId, ImageId image) {
        return h.createUpdate("DELETE FROM comment_images WHERE comment_id = :comment AND image_id = :image")
                .bind("comment", commentId)
                .bind("image", image.value())
                .execute() > 0;
    }

    /** Takes every image off a comment and returns their ids. */
    List<ImageId> removeAll(Handle h, String commentId) {
        List<ImageId> ids = h.createQuery("SELECT image_id FROM comment_images WHERE comment_id = :comment ORDER BY position")
                .bind("comment", commentId)
                .mapTo(String.class)
                .map(ImageId::new)
                .list();
        h.createUpdate("DELETE FROM comment_images WHERE comment_id = :comment").bind("comment", commentId).execute();
        return ids;
    }

    /** Of {@code ids}, those no comment shows any more. */
    Set<ImageId> unreferenced(Handle h, Collection<ImageId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> used = new HashSet<>(h.createQuery("SELECT DISTINCT image_id FROM comment_images WHERE image_id IN (<ids>)")
                .bindList("ids", ids.stream().map(ImageId::value).toList())
                .mapTo(String.class)
                .list());
        Set<ImageId> unused = new HashSet<>();
        ids.stream().filter(id -> !used.contains(id.value())).forEach(unused::add);
        return unused;
    }

    private static Map<String, List<CommentImage>> grouped(org.jdbi.v3.core.statement.Query query) {
        record Shown(String commentId, CommentImage image) {
        }
        Map<String, List<CommentImage>> byComment = new LinkedHashMap<>();
        query.map((rs, ctx) -> new Shown(rs.getString("comment_id"), new CommentImage(new ImageId(rs.getString("image_id")),
                        rs.getString("alt"), rs.getInt("display_width"), rs.getInt("display_height"),
                        rs.getInt("thumb_width"), rs.getInt("thumb_height"))))
                .forEach(shown -> byComment.computeIfAbsent(shown.commentId(), id -> new ArrayList<>()).add(shown.image()));
        return byComment;
    }
}
