package org.parley.media;

import java.util.Optional;

/**
 * The sizes Parley serves of each image. There is deliberately no "original": the upload itself is never
 * stored or served, only these re-encodings of its pixels.
 */
public enum Variant {
    /** Long side at most {@link MediaConfig#displayLongSidePixels()}; what a comment shows. */
    DISPLAY("display"),
    /** Long side at most {@link MediaConfig#thumbLongSidePixels()}; for queues and previews. */
    THUMB("thumb");

    private final String path;

    Variant(String path) {
        this.path = path;
    }

    /** The URL segment, as in {@code /media/{id}/display}. */
    public String path() {
        return path;
    }

    /** The variant a URL segment names; empty for anything else (including {@code original}). */
    public static Optional<Variant> ofPath(String segment) {
        for (Variant variant : values()) {
            if (variant.path.equals(segment)) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }
}
