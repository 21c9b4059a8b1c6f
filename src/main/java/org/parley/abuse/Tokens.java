package org.parley.abuse;

/**
 * The words of a normalized text: where each starts and ends (normalized offsets), its hash, and whether
 * it is in the scope of a negation.
 */
record Tokens(int[] starts, int[] ends, int[] hashes, boolean[] negated, int count) {

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
}
