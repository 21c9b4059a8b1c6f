package org.parley.abuse;

/**
 * A comment's text after {@link Normalizer}: lower-case, folded, with placeholders, plus for each of its
 * characters the range of the original text it came from, so explanations can point at what the reader
 * actually wrote.
 */
final class Normalized {

    /** Stands for a URL, an @mention or a #hashtag: a word boundary that carries no feature. */
    static final char PLACEHOLDER = '\uFFFC';

    private final String original;
    private final char[] text;
    private final int[] from;
    private final int[] to;
    private final int length;

    Normalized(String original, char[] text, int[] from, int[] to, int length) {
        this.original = original;
        this.text = text;
        this.from = from;
        this.to = to;
        this.length = length;
    }

    String original() {
        return original;
    }

    int length() {
        return length;
    }

    char charAt(int i) {
        return text[i];
    }

    /** The characters themselves; only the first {@link #length()} are meaningful. Not a copy. */
    char[] chars() {
        return text;
    }

    /** Where normalized character {@code i} starts in the original text (a UTF-16 index). */
    int originalStart(int i) {
        return from[i];
    }

    /** Where normalized character {@code i} ends in the original text (exclusive). */
    int originalEnd(int i) {
        return to[i];
    }

    @Override
    public String toString() {
        return new String(text, 0, length);
    }
}
