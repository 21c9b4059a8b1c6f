package org.parley.comments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;
import org.parley.media.ImageId;
import org.parley.media.Media;
import org.parley.media.StoredImage;
import org.parley.media.Variant;
import org.parley.sites.Site;
import org.parley.store.Database;

/**
 * The images comments show: checking what an author attaches, and giving storage back once no comment
 * shows an image any more. The media feature keeps the pictures; this side keeps which comment shows
 * which, so only it can say when one is no longer needed.
 */
final class Attachments {

    static final int MAX_ALT_LENGTH = 500;

    private final Database db;
    private final Media media;
    private final CommentImageRepository shown = new CommentImageRepository();

    Attachments(Database db, Media media) {
        this.db = db;
        this.media = media;
    }

    /**
     * The images to show with a new comment, in the author's order, with their sizes; 422 naming each bad
     * one: more than the site allows, an id that was never uploaded (or already removed), the same image
     * twice, or alt text that is too long or holds control characters.
     */
    List<CommentImage> resolve(List<NewImage> wanted, Site site) {
        if (wanted.size() > site.images().perComment()) {
            String allowed = site.images().perComment() == 0 ? "This site takes no images in comments."
                    : "A comment may show up to " + site.images().perComment() + " images; this one has " + wanted.size() + ".";
            throw new ParleyException.InvalidInput(CommentProblem.TOO_MANY_IMAGES, allowed,
                    List.of(new FieldError("images", "has more than " + site.images().perComment() + " items")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<CommentImage> images = new ArrayList<>();
        Set<ImageId> seen = new HashSet<>();
        boolean missing = false;
        for (int i = 0; i < wanted.size(); i++) {
            NewImage image = wanted.get(i);
            String alt = image.alt().strip();
            if (alt.codePointCount(0, alt.length()) > MAX_ALT_LENGTH) {
                errors.add(new FieldError("images[" + i + "].alt", "must be at most " + MAX_ALT_LENGTH + " characters"));
            } else if (alt.codePoints().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("images[" + i + "].alt", "must not contain control characters or line breaks"));
            }
            if (!seen.add(image.id())) {
                errors.add(new FieldError("images[" + i + "].id", "is attached twice"));
                continue;
            }
            Optional<StoredImage> stored = media.find(image.id());
            if (stored.isPresent()) {
                images.add(shown(stored.get(), alt));
            } else {
                missing = true;
                errors.add(new FieldError("images[" + i + "].id", "was not uploaded, or was removed; upload it again"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ParleyException.InvalidInput(missing ? CommentProblem.IMAGE_NOT_UPLOADED : CommentProblem.INVALID_IMAGES,
                    "The attached images are not acceptable: " + errors.getFirst().field() + " " + errors.getFirst().message() + ".",
                    errors);
        }
        return images;
    }

    /**
     * Once the current transaction commits, deletes from storage those of {@code ids} that no comment shows
     * any more. A picture that another comment also shows stays.
     */
    void releaseAfterCommit(Collection<ImageId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<ImageId> released = List.copyOf(ids);
        db.afterCommit(() -> db.read(h -> shown.unreferenced(h, released)).forEach(media::delete));
    }

    /**
     * Deletes every stored image no comment shows that was last uploaded more than {@code grace} ago:
     * uploads whose comment was never posted, and images of comments deleted since. Returns how many went.
     */
    int sweep(Instant now, Duration grace) {
        return media.deleteUnreferenced(ids -> db.read(h -> shown.unreferenced(h, ids)), now.minus(grace));
    }

    private static CommentImage shown(StoredImage stored, String alt) {
        return new CommentImage(stored.id(), alt, stored.width(Variant.DISPLAY), stored.height(Variant.DISPLAY),
                stored.width(Variant.THUMB), stored.height(Variant.THUMB));
    }
}
