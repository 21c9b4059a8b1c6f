package org.parley.words;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A site's banned and suspect words, compiled for fast matching. {@link #find} reports every occurrence
 * of every term in a comment, with the term, its kind, and where it is in the original text.
 *
 * <p>How: terms and comments are normalized alike ({@link MatchText}); each term becomes its sequence of
 * letter runs ("stupid" → s·t·u·p·i·d with run lengths 1,1,1,1,1,1; "good" → g·o·d with 1,2,1). One
 * Aho–Corasick scan ({@link WordAutomaton}) over the comment's runs finds every term whose run characters
 * occur; each candidate is then checked for run lengths ({@link WordRuns#stretches}) and word boundaries.
 * A comment of 2,000 characters costs one pass however long the list is (100,000 terms: see
 * docs/PERFORMANCE-words.md).
 *
 * <p>Word boundaries are judged on the normalized text: a term must start and end at the edge of a word
 * (letters and digits against anything else), so "ass" finds nothing in "class" or "assessment". A term
 * with a {@code *} at an end may start or end inside a word there. A term whose first or last letter is from
 * a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) is partial at that end by itself,
 * as those scripts have no word edges to find. A word may also start or end next to soft leetspeak
 * ("@idiot", "idiot1").
 *
 * <p>Immutable and thread-safe: build once per site and list version, share between request threads.
 */
final class WordList {

    private static final byte PARTIAL_START = 1;
    private static final byte PARTIAL_END = 2;
    /** {@code keyShape} packs a key's length in runs (low 16 bits) with whether any of its terms is partial. */
    private static final int RUNS_MASK = 0xFFFF;
    private static final int ANY_PARTIAL_START = PARTIAL_START << 16;
    private static final int ANY_PARTIAL_END = PARTIAL_END << 16;
    /** Run lengths are stored in a byte; no real term repeats a letter more than this. */
    private static final int MAX_RUN = Byte.MAX_VALUE;

    private static final Set<UnicodeScript> UNSPACED_SCRIPTS = Set.of(UnicodeScript.HAN,
            UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA, UnicodeScript.THAI, UnicodeScript.LAO,
            UnicodeScript.KHMER, UnicodeScript.MYANMAR);

    private static final Comparator<WordMatch> READING_ORDER = Comparator.comparingInt(WordMatch::start)
            .thenComparingInt(WordMatch::end)
            .thenComparing(WordMatch::kind)
            .thenComparing(match -> match.term().text());

    private final WordAutomaton automaton;
    /** Terms ordered by key; the terms of key k are {@code keyTerms[k] .. keyTerms[k + 1] - 1}. */
    private final WordTerm[] terms;
    private final int[] keyTerms;
    /**
     * Per key: its length in runs and whether any of its terms is partial at either end. Lets a scan throw
     * out a candidate that sits inside a word (most of them: "ass" ends at every "class") without touching
     * the per-term arrays, which for a long list are cold in the CPU cache.
     */
    private final int[] keyShape;
    /** Term t's run lengths are {@code runLengths[runsAt[t] .. runsAt[t + 1] - 1]}. */
    private final int[] runsAt;
    private final byte[] runLengths;
    private final byte[] edges;
    private final List<WordTerm> unmatchable;

    private WordList(WordAutomaton automaton, WordTerm[] terms, int[] keyTerms, int[] keyShape, int[] runsAt,
            byte[] runLengths, byte[] edges, List<WordTerm> unmatchable) {
        this.automaton = automaton;
        this.terms = terms;
        this.keyTerms = keyTerms;
        this.keyShape = keyShape;
        this.runsAt = runsAt;
        this.runLengths = runLengths;
        this.edges = edges;
        this.unmatchable = unmatchable;
    }

    /**
     * Compiles a word list. Duplicate terms (equal text and kind) count once; the same word listed as
     * both banned and suspect, or in two spellings ("Idiot", "idiot"), is reported once per entry. For
     * 100,000 terms: about 0.3 to 0.5 s and 10 MiB besides the terms themselves (docs/PERFORMANCE-words.md).
     *
     * <p>A term with no letter or digit once folded (only symbols, or characters no script reads as
     * letters) can never match: it is left out and listed by {@link #unmatchable()}, so one such term in
     * a stored list never stops the rest from working.
     */
    static WordList compile(Collection<WordTerm> terms) {
        List<Compiled> compiled = new ArrayList<>(terms.size());
        List<WordTerm> unmatchable = new ArrayList<>();
        for (WordTerm term : new LinkedHashSet<>(terms)) {
            Compiled one = Compiled.of(term);
            if (one == null) {
                unmatchable.add(term);
            } else {
                compiled.add(one);
            }
        }
        compiled.sort(Comparator.comparing(Compiled::key)); // stable: equal keys keep the caller's order
        int count = compiled.size();
        WordTerm[] sortedTerms = new WordTerm[count];
        int[] runsAt = new int[count + 1];
        byte[] edges = new byte[count];
        List<String> keys = new ArrayList<>();
        int[] keyTerms = new int[count + 1];
        int[] keyShape = new int[count];
        int totalRuns = 0;
        for (int t = 0; t < count; t++) {
            Compiled term = compiled.get(t);
            if (keys.isEmpty() || !keys.getLast().equals(term.key())) {
                keyTerms[keys.size()] = t;
                keys.add(term.key());
            }
            keyShape[keys.size() - 1] |= term.key().length() | term.edges() << 16;
            sortedTerms[t] = term.term();
            edges[t] = term.edges();
            runsAt[t] = totalRuns;
            totalRuns += term.runLengths().length;
        }
        runsAt[count] = totalRuns;
        keyTerms[keys.size()] = count;
        byte[] runLengths = new byte[totalRuns];
        for (int t = 0; t < count; t++) {
            byte[] lengths = compiled.get(t).runLengths();
            System.arraycopy(lengths, 0, runLengths, runsAt[t], lengths.length);
        }
        WordAutomaton automaton = WordAutomaton.build(keys.toArray(String[]::new));
        return new WordList(automaton, sortedTerms, Arrays.copyOf(keyTerms, keys.size() + 1),
                Arrays.copyOf(keyShape, keys.size()), runsAt, runLengths, edges, List.copyOf(unmatchable));
    }

    /** The terms left out because they have nothing to match, in the order given. */
    List<WordTerm> unmatchable() {
        return unmatchable;
    }

    /** Number of distinct terms. */
    int size() {
        return terms.length;
    }

    /**
     * Every occurrence of every term in {@code text}, ordered by start, then end, then kind (banned first),
     * then term. Overlapping matches are all reported: "fuuuck you" can hold a banned "fuck" and a suspect
     * "fuck you". Offsets are UTF-16 indices into {@code text} itself.
     */
    List<WordMatch> find(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no text to search");
        }
        if (terms.length == 0) {
            return List.of();
        }
        MatchText normalized = MatchText.of(text);
        WordRuns runs = WordRuns.of(normalized);
        List<WordMatch> found = new ArrayList<>();
        int state = 0;
        for (int run = 0; run < runs.count(); run++) {
            state = automaton.next(state, runs.charAt(run));
            for (int node = state; node != 0; node = automaton.output(node)) {
                int key = automaton.key(node);
                if (key < 0 || insideAWord(keyShape[key], runs, run)) {
                    continue;
                }
                for (int term = keyTerms[key]; term < keyTerms[key + 1]; term++) {
                    WordMatch match = verify(normalized, runs, run, term);
                    if (match != null) {
                        found.add(match);
                    }
                }
            }
        }
        found.sort(READING_ORDER);
        return found;
    }

    /** True when a key ending at {@code lastRun} starts or ends inside a word and none of its terms allows that. */
    private static boolean insideAWord(int shape, WordRuns runs, int lastRun) {
        int firstRun = lastRun - (shape & RUNS_MASK) + 1;
        return (shape & ANY_PARTIAL_START) == 0 && !runs.mayStartWord(firstRun)
                || (shape & ANY_PARTIAL_END) == 0 && !runs.mayEndWord(lastRun);
    }

    /**
     * Checks a candidate whose run characters end at {@code lastRun}: run lengths and word edges. At each
     * end it tries the whole text run (needs a word edge there, unless the term is partial at that end)
     * and then a shorter one: without the run's soft characters, or, at a partial end, exactly the term's
     * run length ("*sole" in "assole").
     */
    private WordMatch verify(MatchText text, WordRuns runs, int lastRun, int term) {
        int base = runsAt[term];
        int count = runsAt[term + 1] - base;
        int firstRun = lastRun - count + 1;
        for (int i = 1; i < count - 1; i++) {
            if (!WordRuns.stretches(runs.length(firstRun + i), runLengths[base + i], runs.isLetter(firstRun + i))) {
                return null;
            }
        }
        int firstLength = runs.length(firstRun);
        int lastLength = runs.length(lastRun);
        int firstTerm = runLengths[base];
        int lastTerm = runLengths[base + count - 1];
        boolean partialStart = (edges[term] & PARTIAL_START) != 0;
        boolean partialEnd = (edges[term] & PARTIAL_END) != 0;
        int lastEnd = runs.start(lastRun) + lastLength;
        for (int startOption = 0; startOption < 2; startOption++) {
            int startTrim = partialStart ? partialTrim(startOption, firstLength, firstTerm)
                    : closedTrim(startOption, runs.wordMayStartAt(runs.start(firstRun)), runs.softLead(firstRun));
            if (startTrim < 0) {
                continue;
            }
            for (int endOption = 0; endOption < 2; endOption++) {
                int endTrim = partialEnd ? partialTrim(endOption, lastLength, lastTerm)
                        : closedTrim(endOption, runs.wordMayEndAt(lastEnd), runs.softTail(lastRun));
                if (endTrim < 0) {
                    continue;
                }
                boolean fits = count == 1
                        ? WordRuns.stretches(firstLength - startTrim - endTrim, firstTerm, runs.isLetter(firstRun))
                        : WordRuns.stretches(firstLength - startTrim, firstTerm, runs.isLetter(firstRun))
                                && WordRuns.stretches(lastLength - endTrim, lastTerm, runs.isLetter(lastRun));
                if (fits) {
                    return match(text, runs.start(firstRun) + startTrim, lastEnd - endTrim, term);
                }
            }
        }
        return null;
    }

    /** Option 0: the whole run, if a word may begin (or end) there; option 1: the run without its soft part. */
    private static int closedTrim(int option, boolean wordEdge, int soft) {
        if (option == 0) {
            return wordEdge ? 0 : -1;
        }
        return soft > 0 ? soft : -1;
    }

    /** Option 0: the whole run; option 1: only as many characters as the term's run has. */
    private static int partialTrim(int option, int textLength, int termLength) {
        if (option == 0) {
            return 0;
        }
        return textLength > termLength ? textLength - termLength : -1;
    }

    private WordMatch match(MatchText text, int from, int to, int term) {
        int start = text.originalStart(from);
        int end = text.originalEnd(to - 1);
        return new WordMatch(terms[term], start, end, text.original().substring(start, end));
    }

    /** A term as the automaton sees it: the characters of its runs, their lengths, and which ends are partial. */
    private record Compiled(WordTerm term, String key, byte[] runLengths, byte edges) {

        /** The term ready to match, or null when it has no letter or digit to match. */
        static Compiled of(WordTerm term) {
            MatchText text = MatchText.of(term.core());
            int from = 0;
            int to = text.length();
            while (from < to && !text.isWord(from)) {
                from++;
            }
            while (to > from && !text.isWord(to - 1)) {
                to--;
            }
            if (from == to) {
                return null;
            }
            WordRuns runs = WordRuns.of(text, from, to);
            char[] key = new char[runs.count()];
            byte[] lengths = new byte[runs.count()];
            for (int run = 0; run < runs.count(); run++) {
                key[run] = runs.charAt(run);
                lengths[run] = (byte) Math.min(runs.length(run), MAX_RUN);
            }
            int edges = (term.partialStart() || unspaced(text.codePointAt(from)) ? PARTIAL_START : 0)
                    | (term.partialEnd() || unspaced(text.codePointBefore(to)) ? PARTIAL_END : 0);
            return new Compiled(term, new String(key), lengths, (byte) edges);
        }

        private static boolean unspaced(int codePoint) {
            return UNSPACED_SCRIPTS.contains(UnicodeScript.of(codePoint));
        }
    }
}
