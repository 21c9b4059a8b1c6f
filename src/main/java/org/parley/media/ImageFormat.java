package org.parley.media;

/**
 * The formats Parley stores and serves. Whatever came in (JPEG, PNG, GIF, WebP), what goes out is one of
 * these, re-encoded from pixels: JPEG for opaque photographs, PNG for transparency and for flat graphics.
 */
public enum ImageFormat {
    JPEG("jpeg", "image/jpeg", "jpg"),
    PNG("png", "image/png", "png");

    private final String slug;
    private final String contentType;
    private final String extension;

    ImageFormat(String slug, String contentType, String extension) {
        this.slug = slug;
        this.contentType = contentType;
        this.extension = extension;
    }

    /** The stored and JSON name: {@code jpeg} or {@code png}. */
    public String slug() {
        return slug;
    }

    /** The {@code Content-Type} it is served with. */
    public String contentType() {
        return contentType;
    }

    /** The usual file extension, for a download's suggested name. */
    public String extension() {
        return extension;
    }

    static ImageFormat ofSlug(String slug) {
        for (ImageFormat format : values()) {
            if (format.slug.equals(slug)) {
                return format;
            }
        }
        throw new IllegalStateException("unknown stored image format '" + slug + "'");
    }
}
