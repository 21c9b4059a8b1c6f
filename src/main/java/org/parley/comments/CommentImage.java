package org.parley.comments;

import org.parley.media.ImageId;
import org.parley.media.Variant;

/**
 * An image a comment shows, with its alt text and the pixel size of each variant, so a page can reserve
 * the image's space before it loads.
 *
 * @param alt what the image shows, in the author's words; empty when they gave none
 */
public record CommentImage(ImageId id, String alt, int width, int height, int thumbWidth, int thumbHeight) {

    /** Where the display size is served, relative to Parley's public URL. */
    public String url() {
        return id.url(Variant.DISPLAY);
    }

    /** Where the thumbnail is served, relative to Parley's public URL. */
    public String thumbUrl() {
        return id.url(Variant.THUMB);
    }
}
