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
 * @param uploadMemoryPercent   share of the Java heap ({@code -Xmx}) that uploads being taken in may hold at
 *                              once, bodies and decoding together; an upload that does not fit waits up to
 *                              {@code uploadWaitSeconds}, then is answered 503 with Retry-After. It must hold
 *                              at least the largest upload the other limits allow, or the server refuses to start
 * @param uploadWaitSeconds     how long in all an upload may wait for memory that other uploads hold
 */
public record MediaConfig(long maxUploadBytes, long maxPixels, int displayLongSidePixels, int thumbLongSidePixels,
                          int uploadsPerGuest, int uploadsPerAddress, int uploadMemoryPercent, int uploadWaitSeconds) {

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
    /**
     * With the defaults the largest legal upload may need 147 MB (a 5 MiB 3199 × 3199 16-bit RGBA PNG turned
     * by EXIF, sent without a declared length; the largest WebP needs about as much), which 60 % of the
     * README's 256 MiB heap (161 MB) holds; the rest is the server's own.
     */
    public static final int DEFAULT_UPLOAD_MEMORY_PERCENT = 60;
    public static final int MIN_UPLOAD_MEMORY_PERCENT = 10;
    public static final int MAX_UPLOAD_MEMORY_PERCENT = 90;
    /**
     * Long enough to outlast a decode or two (about a second each for 40 megapixels on one core), short
     * enough that waiting uploads cannot pile up.
     */
    public static final int DEFAULT_UPLOAD_WAIT_SECONDS = 3;
    public static final int MAX_UPLOAD_WAIT_SECONDS = 300;

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
        if (uploadMemoryPercent < MIN_UPLOAD_MEMORY_PERCENT || uploadMemoryPercent > MAX_UPLOAD_MEMORY_PERCENT) {
            throw new IllegalArgumentException("media.uploadMemoryPercent must be " + MIN_UPLOAD_MEMORY_PERCENT + ".."
                    + MAX_UPLOAD_MEMORY_PERCENT + ", was " + uploadMemoryPercent);
        }
        if (uploadWaitSeconds < 0 || uploadWaitSeconds > MAX_UPLOAD_WAIT_SECONDS) {
            throw new IllegalArgumentException("media.uploadWaitSeconds must be 0.." + MAX_UPLOAD_WAIT_SECONDS + ", was "
                    + uploadWaitSeconds);
        }
    }

    /** These sizes with the default upload allowances, memory share and wait. */
    public MediaConfig(long maxUploadBytes, long maxPixels, int displayLongSidePixels, int thumbLongSidePixels) {
        this(maxUploadBytes, maxPixels, displayLongSidePixels, thumbLongSidePixels, DEFAULT_UPLOADS_PER_GUEST,
                DEFAULT_UPLOADS_PER_ADDRESS, DEFAULT_UPLOAD_MEMORY_PERCENT, DEFAULT_UPLOAD_WAIT_SECONDS);
    }

    /** 5 MiB, 40 megapixels, display 1,600 px, thumbnail 320 px. */
    public static MediaConfig defaults() {
        return new MediaConfig(DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_DISPLAY_LONG_SIDE, DEFAULT_THUMB_LONG_SIDE);
    }
}
