package org.parley.abuse;

/**
 * The words of a normalized text: where each starts and ends (normalized offsets), its hash, whether
 * it is in the scope of a negation, which sentence it is in, and whether it points at someone
 * ({@link Features#pointer}: 0 no, 1 the reader, 2 a group).
 */
record Tokens(int[] starts, int[] ends, int[] hashes, boolean[] negated, int[] sentences, byte[] pointers, int count) {

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
}
