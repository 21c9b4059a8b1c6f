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
        return reencode(upload, config.maxUploadBytes(), config.maxPixels());
    }

    /** Re-encodes under tighter limits (a site's); the server's still cap them. */
    Rendition reencode(byte[] upload, long maxBytes, long maxPixels) {
        long byteLimit = Math.min(maxBytes, config.maxUploadBytes());
        long pixelLimit = Math.min(maxPixels, config.maxPixels());
        if (upload.length == 0) {
            throw Refusal.empty();
        }
        if (upload.length > byteLimit) {
            throw Refusal.tooLarge(byteLimit);
        }
        UploadFormat format = UploadFormat.sniff(upload);
        Polyglot.refuseIfTwoThings(upload);
        Inspection inspection = inspect(format, upload);
        Decoder.requireWithinLimit(format, inspection.width(), inspection.height(), pixelLimit);
        Orientation orientation = Orientation.fromExif(inspection.exif());
        decoding.acquireUninterruptibly();
        try {
            return renderer.render(format, decoder.decode(inspection, pixelLimit), orientation);
        } finally {
            decoding.release();
        }
    }
}
