package org.parley.media;

/**
 * An image as Parley keeps it: its id, the format both variants are stored in, the size of the upload's
 * pixels once EXIF orientation is applied, and the size of each variant. Sizes are in pixels.
 */
public record StoredImage(ImageId id, ImageFormat format, int width, int height,
                          int displayWidth, int displayHeight, int thumbWidth, int thumbHeight) {

    /** Where {@code variant} is served, relative to Parley's public URL: {@code /media/{id}/{variant}}. */
    public String url(Variant variant) {
        return id.url(variant);
    }

    /** Width of {@code variant}, in pixels. */
    public int width(Variant variant) {
        return variant == Variant.DISPLAY ? displayWidth : thumbWidth;
    }

    /** Height of {@code variant}, in pixels. */
    public int height(Variant variant) {
        return variant == Variant.DISPLAY ? displayHeight : thumbHeight;
    }
}
