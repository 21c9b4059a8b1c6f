package org.parley.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * A response body prepared once and sent many times: the plain bytes, their gzip form and a strong ETag.
 * Gzip is only kept when it actually saves bytes.
 */
public record EncodedBody(byte[] plain, byte[] gzip, String etag, String contentType) {

    private static final int MIN_GZIP_BYTES = 256;

    /** Encodes {@code plain}; the ETag is a digest of the bytes, so equal bodies share a tag. */
    public static EncodedBody of(byte[] plain, String contentType) {
        return new EncodedBody(plain, plain.length < MIN_GZIP_BYTES ? null : gzip(plain), '"' + digest(plain) + '"', contentType);
    }

    /** True when a gzip form exists and should be preferred. */
    public boolean hasGzip() {
        return gzip != null;
    }

    public String text() {
        return new String(plain, StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] packed = out.toByteArray();
        return packed.length < plain.length ? packed : null;
    }

    private static String digest(byte[] plain) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(plain);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
