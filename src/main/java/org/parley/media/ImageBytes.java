package org.parley.media;

/**
 * One stored variant, ready to send. The bytes never change for a given id and variant (the id is their
 * hash), so the response may be cached for good. The array is the caller's own copy; like any record with
 * an array, equality is by identity.
 */
public record ImageBytes(ImageId id, Variant variant, ImageFormat format, byte[] bytes) {

    /** The {@code Content-Type}: from the stored format, never from anything a user sent. */
    public String contentType() {
        return format.contentType();
    }
}
