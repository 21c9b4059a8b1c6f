package org.parley.media;

import org.parley.sites.ImageRules;

/**
 * The server's limits for images. A site's own {@link ImageRules} may be tighter, never looser: these cap them.
 *
 * @param maxUploadBytes        largest upload accepted, in bytes; a larger body is refused while it is read
 * @param maxPixels             largest image accepted, width × height as declared in its header, checked
 *                              before any pixel is decoded
 * @param displayLongSidePixels long side of the display variant; smaller images keep their size
 * @param thumbLongSidePixels   long side of the thumbnail; at most the display size
 * @param uploadsPerGuest       uploads one guest may make on a site in {@link UploadLimits#WINDOW}
 * @param uploadsPerAddress     uploads from one network address on a site in that window
 */
public record MediaConfig(long maxUploadBytes, long maxPixels, int displayLongSidePixels, int thumbLongSidePixels,
                          int uploadsPerGuest, int uploadsPerAddress) {

    /** Bounds that keep one decode within a known amount of memory (see {@code Decoder}). */
    public static final int MAX_UPLOAD_BYTES_LIMIT = 64 << 20;
    public static final int MAX_PIXELS_LIMIT = 200_000_000;
    public static final int MAX_DISPLAY_LONG_SIDE = 4096;
    /** By default the server allows what a site takes by default, so new sites' rules are not cut down. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = ImageRules.DEFAULT_MAX_BYTES;
    public static final long DEFAULT_MAX_PIXELS = ImageRules.DEFAULT_MAX_PIXELS;
    public static final int DEFAULT_DISPLAY_LONG_SIDE = 1600;
    public static final int DEFAULT_THUMB_LONG_SIDE = 320;
    /** Enough for a few comments of four pictures each in ten minutes; too few to host images for others. */
    public static final int DEFAULT_UPLOADS_PER_GUEST = 12;
    public static final int DEFAULT_UPLOADS_PER_ADDRESS = 40;

    public MediaConfig {
        if (maxUploadBytes < 1024 || maxUploadBytes > MAX_UPLOAD_BYTES_LIMIT) {
            throw new IllegalArgumentException("media.maxUploadBytes must be 1024.." + MAX_UPLOAD_BYTES_LIMIT + ", was " + maxUploadBytes);
        }
        if (maxPixels < 1 || maxPixels > MAX_PIXELS_LIMIT) {
            throw new IllegalArgumentException("media.maxPixels must be 1.." + MAX_PIXELS_LIMIT + ", was " + maxPixels);
        }
        if (displayLongSidePixels < 16 || displayLongSidePixels > MAX_DISPLAY_LONG_SIDE) {
            throw new IllegalArgumentException("media.displayLongSidePixels must be 16.." + MAX_DISPLAY_LONG_SIDE
                    + ", was " + displayLongSidePixels);
        }
        if (thumbLongSidePixels < 16 || thumbLongSidePixels > displayLongSidePixels) {
            throw new IllegalArgumentException("media.thumbLongSidePixels must be 16..media.displayLongSidePixels ("
                    + displayLongSidePixels + "), was " + thumbLongSidePixels);
        }
        if (uploadsPerGuest < 1 || uploadsPerAddress < 1) {
            throw new IllegalArgumentException("media.uploadsPerGuest and media.uploadsPerAddress must be at least 1");
        }
    }

    /** These sizes with the default upload allowances. */
    public MediaConfig(long maxUploadBytes, long maxPixels, int displayLongSidePixels, int thumbLongSidePixels) {
        this(maxUploadBytes, maxPixels, displayLongSidePixels, thumbLongSidePixels, DEFAULT_UPLOADS_PER_GUEST,
                DEFAULT_UPLOADS_PER_ADDRESS);
    }

    /** 5 MiB, 40 megapixels, display 1,600 px, thumbnail 320 px. */
    public static MediaConfig defaults() {
        return new MediaConfig(DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_DISPLAY_LONG_SIDE, DEFAULT_THUMB_LONG_SIDE);
    }
}
