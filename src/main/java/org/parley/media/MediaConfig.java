package org.parley.media;

/**
 * Limits for images. One set for every site for now; per-site limits will arrive through the same record.
 *
 * @param maxUploadBytes        largest upload accepted, in bytes; a larger body is refused while it is read
 * @param maxPixels             largest image accepted, width × height as declared in its header, checked
 *                              before any pixel is decoded
 * @param displayLongSidePixels long side of the display variant; smaller images keep their size
 * @param thumbLongSidePixels   long side of the thumbnail; at most the display size
 */
public record MediaConfig(long maxUploadBytes, long maxPixels, int displayLongSidePixels, int thumbLongSidePixels) {

    /** Bounds that keep one decode within a known amount of memory (see {@code Decoder}). */
    static final long MAX_UPLOAD_BYTES_LIMIT = 64L << 20;
    static final long MAX_PIXELS_LIMIT = 200_000_000L;
    static final int MAX_DISPLAY_LONG_SIDE = 4096;

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
    }

    /** 5 MiB, 40 megapixels, display 1,600 px, thumbnail 320 px. */
    public static MediaConfig defaults() {
        return new MediaConfig(5L << 20, 40_000_000L, 1600, 320);
    }
}
