package org.parley.abuse;

import java.util.ArrayList;
import java.util.List;

/**
 * The passages a text is scored in: runs of whole sentences with at least {@link #MIN_WORDS} words, for
 * every sentence the shortest one starting at it and the shortest one ending at it. A sentence ends at
 * a full stop, question or exclamation mark, or a line break. Passages overlap,
 * so every sentence is judged with the fewest neighbours that make it as long as a typical training
 * text, on whichever side of it they are. A text shorter than {@link #MIN_WORDS} words is one passage.
 *
 * @param sentenceStarts the token where each sentence starts, plus the token count at the end
 * @param windows        each passage as {@code {first sentence, last sentence}}, without duplicates
 */
record Passages(int[] sentenceStarts, int[][] windows) {

    /**
     * The fewest words a passage has: about the median tweet of the training data (OLID: 31 word
     * features, unigrams and bigrams, so about 15 words), so that no passage is a lone short sentence
     * ("Come on now!") whose score is mostly noise. Longer passages dilute one insult among the
     * sentences around it (docs/MODEL.md, "What was tried").
     */
    static final int MIN_WORDS = 15;

    static Passages of(Tokens tokens) {
        List<Integer> starts = new ArrayList<>();
        for (int t = 0; t < tokens.count(); t++) {
            if (t == 0 || tokens.sentence(t) != tokens.sentence(t - 1) || tokens.lineBreakBefore(t)) {
                starts.add(t);
            }
        }
        starts.add(tokens.count());
        int[] sentenceStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        int sentences = Math.max(1, sentenceStarts.length - 1);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<int[]> windows = new ArrayList<>();
        for (int sentence = 0; sentence < sentences; sentence++) {
            int last = sentence;
            int words = words(sentenceStarts, sentence, last);
            while (words < MIN_WORDS && last + 1 < sentences) {
                words += words(sentenceStarts, ++last, last);
            }
            int first = sentence;
            words = words(sentenceStarts, first, sentence);
            while (words < MIN_WORDS && first > 0) {
                words += words(sentenceStarts, --first, first);
            }
            addIfLongEnough(windows, seen, sentenceStarts, sentence, last, sentences);
            addIfLongEnough(windows, seen, sentenceStarts, first, sentence, sentences);
        }
        if (windows.isEmpty()) {
            windows.add(new int[] {0, sentences - 1});
        }
        return new Passages(sentenceStarts, windows.toArray(int[][]::new));
    }

    /** Adds the run of sentences {@code [first, last]} unless it is short of {@link #MIN_WORDS} or already in. */
    private static void addIfLongEnough(List<int[]> windows, java.util.Set<Long> seen, int[] sentenceStarts,
                                        int first, int last, int sentences) {
        if (words(sentenceStarts, first, last) >= MIN_WORDS && seen.add((long) first * sentences + last)) {
            windows.add(new int[] {first, last});
        }
    }

    private static int words(int[] sentenceStarts, int first, int last) {
        return sentenceStarts.length < 2 ? 0 : sentenceStarts[last + 1] - sentenceStarts[first];
    }

    int count() {
        return windows.length;
    }

    /** How many sentences the text has; an empty text counts as one, without words. */
    int sentences() {
        return Math.max(1, sentenceStarts.length - 1);
    }

    /** The first token of sentence {@code s} ({@code s == sentences()}: the token count). */
    int sentenceStart(int s) {
        return sentenceStarts.length < 2 ? 0 : sentenceStarts[s];
    }

    /** The first token of passage {@code p}. */
    int firstToken(int p) {
        return sentenceStart(windows[p][0]);
    }

    /** The token after the last one of passage {@code p}. */
    int endToken(int p) {
        return sentenceStart(windows[p][1] + 1);
    }

    /** For each normalized character inside a word, the sentence it belongs to; -1 between words. */
    int[] sentenceOfChars(Tokens tokens, int length) {
        int[] sentenceOf = new int[length];
        java.util.Arrays.fill(sentenceOf, -1);
        int sentence = 0;
        for (int t = 0; t < tokens.count(); t++) {
            while (sentence + 1 < sentenceStarts.length - 1 && sentenceStarts[sentence + 1] <= t) {
                sentence++;
            }
            java.util.Arrays.fill(sentenceOf, tokens.start(t), tokens.end(t), sentence);
        }
        return sentenceOf;
    }
}
