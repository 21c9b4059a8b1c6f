package org.parley.words;

/**
 * A stretch of normalized text as runs of one repeated character: "stuuupid" is s·t·u×3·p·i·d. Word lists
 * match run by run, which is how "fuuuuck" finds "fuck" while "good" does not find "god" (see
 * {@link #stretches}). A run also counts the soft (edge leetspeak) characters at each of its ends, so a
 * match may begin after or end before them ("hi1" still says "hi").
 */
final class WordRuns {

    private final MatchText text;
    private final char[] chars;
    private final int[] starts;
    private final int[] lengths;
    private final int count;
    private final boolean[] mayStartWord;
    private final boolean[] mayEndWord;

    private WordRuns(MatchText text, char[] chars, int[] starts, int[] lengths, int count, boolean wordEdges) {
        this.text = text;
        this.chars = chars;
        this.starts = starts;
        this.lengths = lengths;
        this.count = count;
        this.mayStartWord = new boolean[wordEdges ? count : 0];
        this.mayEndWord = new boolean[wordEdges ? count : 0];
        for (int run = 0; wordEdges && run < count; run++) {
            mayStartWord[run] = wordMayStartAt(starts[run]) || softLead(run) > 0;
            mayEndWord[run] = wordMayEndAt(starts[run] + lengths[run]) || softTail(run) > 0;
        }
    }

    /** The runs of a whole comment, with where words may start and end ({@link #mayStartWord}). */
    static WordRuns of(MatchText text) {
        return of(text, 0, text.length(), true);
    }

    /** The runs of normalized characters [from, to) of a term: just characters and lengths. */
    static WordRuns of(MatchText text, int from, int to) {
        return of(text, from, to, false);
    }

    private static WordRuns of(MatchText text, int from, int to, boolean wordEdges) {
        int size = to - from;
        char[] chars = new char[size];
        int[] starts = new int[size];
        int[] lengths = new int[size];
        int count = 0;
        for (int i = from; i < to; ) {
            char c = text.charAt(i);
            int end = i + 1;
            while (end < to && text.charAt(end) == c) {
                end++;
            }
            chars[count] = c;
            starts[count] = i;
            lengths[count] = end - i;
            count++;
            i = end;
        }
        return new WordRuns(text, chars, starts, lengths, count, wordEdges);
    }

    /**
     * Whether a text run of {@code textLength} letters can stand for a term run of {@code termLength}:
     * equal lengths, or an elongated text run (three or more, and longer). So "stuuupid" is "stupid" and
     * "asss" is "ass", but "good" (two o) is not "god" (one o) and "as" is not "ass". Digits never stretch:
     * "1000" is not "100".
     */
    static boolean stretches(int textLength, int termLength, boolean letter) {
        return textLength == termLength || (letter && textLength >= 3 && textLength > termLength);
    }

    int count() {
        return count;
    }

    char charAt(int run) {
        return chars[run];
    }

    /** Index in the normalized text where the run begins. */
    int start(int run) {
        return starts[run];
    }

    int length(int run) {
        return lengths[run];
    }

    boolean isLetter(int run) {
        return text.isLetter(starts[run]);
    }

    /** How many soft characters open the run. */
    int softLead(int run) {
        int soft = 0;
        while (soft < lengths[run] && text.isSoft(starts[run] + soft)) {
            soft++;
        }
        return soft;
    }

    /** How many soft characters close the run. */
    int softTail(int run) {
        int end = starts[run] + lengths[run];
        int soft = 0;
        while (soft < lengths[run] && text.isSoft(end - 1 - soft)) {
            soft++;
        }
        return soft;
    }

    /** True when a whole-word term may begin in this run: at its start, or after its soft characters. */
    boolean mayStartWord(int run) {
        return mayStartWord[run];
    }

    /** True when a whole-word term may end in this run: at its end, or before its soft characters. */
    boolean mayEndWord(int run) {
        return mayEndWord[run];
    }

    /** True when a word may begin at normalized index {@code index}: nothing, a space or a soft character before it. */
    boolean wordMayStartAt(int index) {
        return index == 0 || !text.isWord(index - 1) || text.isSoft(index - 1);
    }

    /** True when a word may end just before normalized index {@code index}. */
    boolean wordMayEndAt(int index) {
        return index == text.length() || !text.isWord(index) || text.isSoft(index);
    }
}
