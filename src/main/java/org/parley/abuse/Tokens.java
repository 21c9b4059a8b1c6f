package org.parley.abuse;

/**
 * The words of a normalized text: where each starts and ends (normalized offsets), its hash, whether
 * it is in the scope of a negation, which sentence it is in, whether it points at someone
 * ({@link Features#pointer}: 0 no, 1 the reader, 2 a group), and whether a line break in the original
 * text comes before it (normalization makes line breaks spaces; {@link Passages} ends sentences there).
 */
record Tokens(int[] starts, int[] ends, int[] hashes, boolean[] negated, int[] sentences, byte[] pointers,
              boolean[] lineBreaks, int count) {

    int start(int t) {
        return starts[t];
    }

    int end(int t) {
        return ends[t];
    }

    int hash(int t) {
        return hashes[t];
    }

    boolean negated(int t) {
        return negated[t];
    }

    int sentence(int t) {
        return sentences[t];
    }

    byte pointer(int t) {
        return pointers[t];
    }

    boolean lineBreakBefore(int t) {
        return lineBreaks[t];
    }
}
