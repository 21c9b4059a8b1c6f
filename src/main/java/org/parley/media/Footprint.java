package org.parley.media;

/**
 * The most heap one upload holds while it is taken in, in two parts reserved one after the other: its
 * body ({@link #reading}) before the body is read, worked out from its size, and its {@link #work} before
 * a pixel is decoded, worked out from its header. It counts every large buffer the work allocates, as if
 * all were alive at once (they mostly are: the decoded raster lives until both variants are encoded); the
 * many row-sized buffers readers and writers allocate and drop at once are young garbage, covered by
 * {@link #SLACK_BYTES}. {@code FootprintTest} checks the figures against what the pipeline really
 * allocates, image kind by image kind.
 *
 * <p>Measured, in buffers of 512 KiB or more (JDK 25, display 1,600 px): for the 8000 × 5000
 * 16-bit RGBA PNG 19 MiB (it decodes at 1600 × 1000; 46 MiB reserved); for the worst legal shape, a
 * 3199 × 3199 16-bit RGBA PNG turned by EXIF, which no subsampling step can shrink without going under the
 * display size, 100 MiB (125 MiB reserved).
 */
final class Footprint {

    /** Row buffers, readers' and writers' state, small images: everything under the buffers counted below. */
    static final long SLACK_BYTES = 3L << 20;
    /**
     * Per pixel of the display variant: the scaled image (4 bytes, made transparent or opaque in place),
     * the encoded display variant as written and as copied out (up to 4 bytes each: a PNG of noise is as
     * large as its pixels; an opaque upload that is not a JPEG is encoded as PNG and as JPEG, together no
     * larger), and the thumbnail with its halving steps (2).
     */
    static final int RENDER_BYTES_PER_DISPLAY_PIXEL = 14;
    /** Per pixel of the display variant, when EXIF says to turn it: the turned copy. */
    static final int TURN_BYTES_PER_DISPLAY_PIXEL = 4;
    /** The WebP reader decodes the whole canvas as 4-byte pixels, then copies out the subsampled raster. */
    static final int WEBP_CANVAS_BYTES_PER_PIXEL = 4;

    private Footprint() {
    }

    /**
     * Memory for the body while it is read: the body itself, and as much again when its length was not
     * declared, for the pieces {@link java.io.InputStream#readNBytes(int)} reads it in before copying them
     * into one array.
     */
    static long reading(long uploadBytes, boolean declared) {
        return declared ? uploadBytes : 2 * uploadBytes;
    }

    /** The upload's bytes once read: held until its renditions are made. */
    static long body(long uploadBytes) {
        return uploadBytes;
    }

    /** All of it, body and work, for an inspected upload of {@code uploadBytes}. */
    static long of(Inspection inspection, long uploadBytes, int displayLongSide) {
        return body(uploadBytes) + work(inspection, displayLongSide);
    }

    /**
     * Decoding and re-encoding an inspected upload, beside its body: what is reserved once its header is
     * walked, including the copy of a PNG's chunks to decode.
     */
    static long work(Inspection inspection, int displayLongSide) {
        boolean turned = Orientation.fromExif(inspection.exif()) != Orientation.NORMAL;
        return inspection.copiedBytes() + work(inspection.format(), inspection.width(), inspection.height(),
                inspection.bytesPerPixel(), turned, displayLongSide);
    }

    /**
     * The largest footprint any upload within {@code config}'s limits can have: the largest body, read
     * without a declared length, and the {@link #largestWork largest work}. The memory for uploads must
     * hold at least this much, or some legal upload could never be taken in.
     */
    static long largest(MediaConfig config) {
        return reading(config.maxUploadBytes(), false) + largestWork(config);
    }

    /**
     * The most decoding and re-encoding any upload within {@code config}'s limits can need: the larger of
     * a square 16-bit RGBA PNG twice the display size (the most pixels a decode keeps: one pixel more and
     * it is subsampled) as large in bytes as allowed, all of them copied to be decoded, and the largest
     * WebP, decoded whole; both turned by EXIF.
     */
    static long largestWork(MediaConfig config) {
        int display = config.displayLongSidePixels();
        int squareSide = (int) Math.min(2L * display, (long) Math.sqrt((double) config.maxPixels()));
        long png = config.maxUploadBytes() + work(UploadFormat.PNG, squareSide, squareSide, 8, true, display);
        int webpSide = (int) Math.sqrt((double) Math.min(config.maxPixels(), Decoder.WEBP_MAX_PIXELS));
        long webp = work(UploadFormat.WEBP, webpSide, webpSide, 4, true, display);
        return Math.max(png, webp);
    }

    /** All of it for an upload of this shape, whose chunks are all copied to be decoded if it is a PNG. */
    static long of(UploadFormat format, int width, int height, int bytesPerPixel, boolean turned, long uploadBytes,
                   int displayLongSide) {
        long copied = format == UploadFormat.PNG ? uploadBytes : 0;
        return body(uploadBytes) + copied + work(format, width, height, bytesPerPixel, turned, displayLongSide);
    }

    /** Decoding and re-encoding an upload of this shape, not counting a PNG's copy. */
    static long work(UploadFormat format, int width, int height, int bytesPerPixel, boolean turned, int displayLongSide) {
        long decoded = Decoder.decodedPixels(width, height, displayLongSide);
        long raster = decoded * bytesPerPixel;
        if (format == UploadFormat.WEBP) {
            long canvas = (long) width * height;
            raster = canvas * WEBP_CANVAS_BYTES_PER_PIXEL + (decoded < canvas ? raster : 0);
        }
        int[] display = Renderer.fit(width, height, displayLongSide);
        long displayPixels = (long) display[0] * display[1];
        long render = displayPixels * (RENDER_BYTES_PER_DISPLAY_PIXEL + (turned ? TURN_BYTES_PER_DISPLAY_PIXEL : 0));
        return raster + render + SLACK_BYTES;
    }
}
