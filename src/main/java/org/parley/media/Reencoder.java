package org.parley.media;

/**
 * The whole way from uploaded bytes to renditions, in the order that keeps hostile files cheap:
 * size in bytes → format by signature → container walk (completeness, declared size, EXIF) → pixel limit
 * ({@link #inspect}), then decode (subsampled) → scale, turn upright, encode ({@link #render}). Nothing is
 * decoded before the pixel limit passed, and the inspection between the two steps is what {@link Footprint}
 * works out the memory of the second from. Thread-safe; how many uploads render at once is the caller's
 * business ({@link Media} asks its {@link MemoryBudget}).
 */
final class Reencoder {

    private final MediaConfig config;
    private final Decoder decoder;
    private final Renderer renderer;

    Reencoder(MediaConfig config) {
        this.config = config;
        this.decoder = new Decoder(config);
        this.renderer = new Renderer(config);
    }

    /** The container walk; hostile bytes may still find a corner it did not foresee, and those are the upload's fault. */
    private static Inspection walk(UploadFormat format, byte[] upload) {
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
        return render(inspect(upload, limits), limits);
    }

    /** Every check that needs no decoding; 4xx problems for what fails one. Cheap: no pixel is touched. */
    Inspection inspect(byte[] upload, SizeLimits limits) {
        if (upload.length == 0) {
            throw Refusal.empty();
        }
        if (upload.length > limits.maxBytes()) {
            throw Refusal.tooLarge(limits.maxBytes());
        }
        UploadFormat format = UploadFormat.sniff(upload);
        Polyglot.refuseIfTwoThings(upload);
        Inspection inspection = walk(format, upload);
        Decoder.requireWithinLimit(format, inspection.width(), inspection.height(), limits.maxPixels());
        return inspection;
    }

    /** Decodes what {@link #inspect} passed and renders both variants; a 422 problem if it cannot be decoded. */
    Rendition render(Inspection inspection, SizeLimits limits) {
        Orientation orientation = Orientation.fromExif(inspection.exif());
        return renderer.render(inspection.format(), decoder.decode(inspection, limits.maxPixels()), orientation);
    }
}
