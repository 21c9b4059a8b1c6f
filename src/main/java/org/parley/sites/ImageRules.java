package org.parley.sites;

/**
 * What a site accepts in images attached to comments. Byte and pixel limits are checked on upload, before
 * any pixel is decoded; the server's own media limits cap them.
 *
 * @param perComment images one comment may carry; 0 turns images off for the site
 * @param maxBytes   largest upload, in bytes
 * @param maxPixels  largest image, width × height as its header declares
 */
public record ImageRules(int perComment, long maxBytes, long maxPixels) {

    public static final int DEFAULT_PER_COMMENT = 4;
    public static final long DEFAULT_MAX_BYTES = 5L << 20;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    public static final int MAX_PER_COMMENT = 20;

    public ImageRules {
        if (perComment < 0 || perComment > MAX_PER_COMMENT) {
            throw new IllegalArgumentException("images per comment must be 0-" + MAX_PER_COMMENT + ", was " + perComment);
        }
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("largest image must be at least 1024 bytes, was " + maxBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("largest image must be at least 1 pixel, was " + maxPixels);
        }
    }

    /** Four images of up to 5 MiB and 40 megapixels each. */
    public static ImageRules defaults() {
        return new ImageRules(DEFAULT_PER_COMMENT, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);
    }
}
