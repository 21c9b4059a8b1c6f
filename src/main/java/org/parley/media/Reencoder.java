package org.parley.media;

import java.util.concurrent.Semaphore;

/**
 * The whole way from uploaded bytes to renditions, in the order that keeps hostile files cheap:
 * size in bytes → format by signature → container walk (completeness, declared size, EXIF) → pixel limit
 * → decode (subsampled) → scale, turn upright, encode. Nothing is decoded before the pixel limit passed.
 * Thread-safe; at most {@link #CONCURRENT_DECODES} uploads decode at once, so memory stays bounded however
 * many arrive together (each waits its turn on its own virtual thread).
 */
final class Reencoder {

    /** With the defaults one decode needs at most about 40 MB for a photograph (see {@link Decoder}). */
    static final int CONCURRENT_DECODES = 2;

    private final MediaConfig config;
    private final Decoder decoder;
    private final Renderer renderer;
    private final Semaphore decoding = new Semaphore(CONCURRENT_DECODES, true);

    Reencoder(MediaConfig config) {
        this.config = config;
        this.decoder = new Decoder(config);
        this.renderer = new Renderer(config);
    }

    /** The container walk; hostile bytes may still find a corner it did not foresee, and those are the upload's fault. */
    private static Inspection inspect(UploadFormat format, byte[] upload) {
        try {
            return format.inspect(upload);
        } catch (org.parley.http.ParleyException refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            throw Refusal.broken("has a " + format.readerName().toUpperCase(java.util.Locale.ROOT)
                    + " structure Parley cannot follow", e);
        }
    }

    /** Re-encodes under the server's limits. */
    Rendition reencode(byte[] upload) {
        return reencode(upload, SizeLimits.of(config));
    }

    /** Re-encodes under {@code limits}, a site's as capped by the server's. */
    Rendition reencode(byte[] upload, SizeLimits limits) {
        if (upload.length == 0) {
            throw Refusal.empty();
        }
        if (upload.length > limits.maxBytes()) {
            throw Refusal.tooLarge(limits.maxBytes());
        }
        UploadFormat format = UploadFormat.sniff(upload);
        Polyglot.refuseIfTwoThings(upload);
        Inspection inspection = inspect(format, upload);
        Decoder.requireWithinLimit(format, inspection.width(), inspection.height(), limits.maxPixels());
        Orientation orientation = Orientation.fromExif(inspection.exif());
        decoding.acquireUninterruptibly();
        try {
            return renderer.render(format, decoder.decode(inspection, limits.maxPixels()), orientation);
        } finally {
            decoding.release();
        }
    }
}
