package org.parley.screening;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 64-bit SimHash fingerprints of a text's words, word pairs and word triples: texts that differ by a
 * few words have fingerprints a few bits apart (measured: about 8 of 64 for one changed word in twenty),
 * unrelated texts about 32 apart, so "the same message again, slightly edited" is found by comparing
 * 64-bit numbers. Case, accents and punctuation are ignored.
 */
final class SimHash {

    /** Texts with fewer words are too short to tell a copy from a coincidence ("Agreed!"). */
    static final int MIN_WORDS = 8;
    /** Fingerprints at most this many bits apart count as the same text; unrelated texts land near 32. */
    static final int NEAR = 12;

    private SimHash() {
    }

    static List<String> words(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The fingerprint of {@code words}; callers check {@link #MIN_WORDS} first. */
    static long of(List<String> words) {
        int[] votes = new int[64];
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                long hash = mix(n + ":" + String.join(" ", words.subList(i, i + n)));
                for (int bit = 0; bit < 64; bit++) {
                    votes[bit] += ((hash >>> bit) & 1) == 1 ? 1 : -1;
                }
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    static boolean near(long a, long b) {
        return Long.bitCount(a ^ b) <= NEAR;
    }

    /** FNV-1a over the UTF-16 units, then a finalizer that spreads the bits (64-bit avalanche). */
    private static long mix(String shingle) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < shingle.length(); i++) {
            h ^= shingle.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
