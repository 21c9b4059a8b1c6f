package org.parley.media;

/**
 * An image's id: the lowercase hex SHA-256 (64 characters) of the renditions Parley stored for it, so equal
 * renditions share one id and one row. Parley makes every id; anything of another shape is refused before it
 * reaches storage, so an id can be put in a URL or a query as it is.
 */
public record ImageId(String value) {

    static final int LENGTH = 64;

    public ImageId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("image id must be 64 lowercase hexadecimal characters: " + value);
        }
    }

    /** True when {@code value} has the shape of an image id (not that such an image exists). */
    public static boolean isValid(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code variant} of this image is served, relative to Parley's public URL: {@code /media/{id}/{variant}}. */
    public String url(Variant variant) {
        return "/media/" + value + "/" + variant.path();
    }

    @Override
    public String toString() {
        return value;
    }
}
