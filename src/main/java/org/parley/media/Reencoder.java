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

    Rendition reencode(byte[] upload) {
        if (upload.length == 0) {
            throw Refusal.empty();
        }
        if (upload.length > config.maxUploadBytes()) {
            throw Refusal.tooLarge(config.maxUploadBytes());
        }
        UploadFormat format = UploadFormat.sniff(upload);
        Inspection inspection = format.inspect(upload);
        decoder.requireWithinLimit(format, inspection.width(), inspection.height());
        Orientation orientation = Orientation.fromExif(inspection.exif());
        decoding.acquireUninterruptibly();
        try {
            return renderer.render(format, decoder.decode(inspection), orientation);
        } finally {
            decoding.release();
        }
    }
}
