package org.parley.store;

import java.security.SecureRandom;

/**
 * Opaque, URL-safe identifiers with a type prefix ({@code c_…} for a comment). The first characters
 * encode the creation time, so ids sort roughly by age and index well; the rest is random.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    /** 8 characters of 5 bits. */
    private static final long RANDOM_MASK = (1L << 40) - 1;

    private final SecureRandom random = new SecureRandom();

    private long lastMillis = -1;
    private long lastRandom;

    /**
     * A fresh id such as {@code c_01hx3k9q2v8m4t7wa}: prefix, 9 time characters, 8 random ones. Ids made
     * by one process strictly increase, even within a millisecond or when the clock steps back, so rows
     * written in one millisecond still sort in the order they were written.
     */
    public synchronized String next(String prefix, long epochMillis) {
        long millis;
        long bits;
        if (epochMillis > lastMillis) {
            millis = epochMillis;
            bits = random.nextLong() & (RANDOM_MASK >>> 1); // half the range: room to count up within a millisecond
        } else if (lastRandom < RANDOM_MASK) {
            millis = lastMillis;
            bits = lastRandom + 1;
        } else {
            millis = lastMillis + 1;
            bits = 0;
        }
        lastMillis = millis;
        lastRandom = bits;
        char[] out = new char[17];
        for (int i = 8; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 16; i >= 9; i--) {
            out[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return prefix + "_" + new String(out);
    }

    /** A random secret of 32 bytes, URL-safe base64 without padding, for bearer tokens. */
    public String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * One-way digest of a high-entropy secret for storage and lookup. A fast hash is right here:
     * the secrets are 256 random bits, so there is nothing to brute-force (passwords need Argon2id).
     */
    public static String digest(String secret) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** True when {@code id} has this prefix and the shape {@link #next} produces. */
    public static boolean looksLike(String prefix, String id) {
        if (id == null || id.length() != prefix.length() + 18 || !id.startsWith(prefix + "_")) {
            return false;
        }
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (java.util.Arrays.binarySearch(ALPHABET, c) < 0) {
                return false;
            }
        }
        return true;
    }
}
