package org.parley.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload turned into what Parley stores: both variants encoded in one format, their sizes, the size of
 * the upload's upright pixels, and the id — the SHA-256 of the format and both variants' bytes. Hashing the
 * output rather than the upload means the same picture sent with different metadata is stored once, and an
 * id reveals nothing about the original file (not even whether someone holds it).
 */
record Rendition(ImageId id, ImageFormat format, int width, int height,
                 int displayWidth, int displayHeight, byte[] display,
                 int thumbWidth, int thumbHeight, byte[] thumb) {

    static Rendition of(ImageFormat format, int width, int height, int displayWidth, int displayHeight, byte[] display,
                        int thumbWidth, int thumbHeight, byte[] thumb) {
        return new Rendition(idOf(format, display, thumb), format, width, height, displayWidth, displayHeight, display,
                thumbWidth, thumbHeight, thumb);
    }

    /** SHA-256 over: format slug, a zero byte, then each variant as an 8-byte length and its bytes. */
    static ImageId idOf(ImageFormat format, byte[] display, byte[] thumb) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(format.slug().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(8).putLong(display.length).array());
            sha.update(display);
            sha.update(ByteBuffer.allocate(8).putLong(thumb.length).array());
            sha.update(thumb);
            return new ImageId(HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
