package org.parley.http;

/**
 * The most bytes a JSON request body can take to carry texts of known length, so that a route's body
 * limit follows from the text limits it serves instead of a number guessed once and left behind when a
 * text limit grows.
 *
 * <p>A client may write any character of a JSON string as a six-byte {@code \}{@code uXXXX} escape, and a
 * code point beyond the Basic Multilingual Plane (most emoji) as two of them: twelve bytes. Raw UTF-8 never
 * takes more (three bytes for a UTF-16 unit, four for a surrogate pair), so twelve bytes per character
 * holds whether a limit counts code points or UTF-16 units.
 */
public final class JsonBudget {

    /** A surrogate pair written as two {@code \}{@code uXXXX} escapes. */
    public static final int MAX_BYTES_PER_CHARACTER = 12;
    /**
     * Room for the braces, field names, separators and the whitespace a pretty-printing client puts
     * around a handful of fields.
     */
    public static final int ENVELOPE_BYTES = 4 * 1024;

    private JsonBudget() {
    }

    /** Bytes for a JSON object whose string fields hold at most these many characters each. */
    public static int forTexts(int... maxCharacters) {
        long bytes = ENVELOPE_BYTES;
        for (int max : maxCharacters) {
            if (max < 0) {
                throw new IllegalArgumentException("a text limit cannot be negative, was " + max);
            }
            bytes += 2 + (long) MAX_BYTES_PER_CHARACTER * max;
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("texts this long do not fit one request body: " + bytes + " bytes");
        }
        return (int) bytes;
    }
}
