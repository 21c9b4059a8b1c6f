package org.parley.abuse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a comment into the excerpts the model scores one by one, with repetition taken out: runs of whole
 * sentences of {@link #MIN_WORDS} to {@link #MAX_WORDS} words where the sentences allow (a short one
 * joins its neighbours, a long one is cut between words, a short last run joins the one before), which
 * fits the sentence encoder's 128 tokens and is about the size of the texts the model learned from.
 *
 * <p>Repetition counts once: a word or phrase of up to {@link #MAX_REPEATED_WORDS} words said again
 * straight after itself is left out ("idiot idiot idiot", "you lie you lie"), and so is a sentence the
 * comment already said. Otherwise a word pasted a hundred times would weigh a hundred times, and a
 * repeated sentence would be another chance to cross the line.
 *
 * <p>An excerpt's text is its words, joined by one space within a sentence and a line break between
 * sentences; each word keeps its place in the original, so spans found in an excerpt point at what the
 * reader typed.
 */
final class Excerpts {

    /**
     * At most this many words per excerpt (30-60 encoder tokens). The encoder averages its tokens, so one
     * insult in 50 words was diluted below the flag line; at 25 words, about a tweet, it is not (on
     * Parley's long evaluation comments, ROC AUC 0.89 against 0.82 at 50 words; docs/MODEL.md).
     */
    static final int MAX_WORDS = 25;
    /**
     * The fewest words an excerpt has when the comment has them: a short sentence is read with its
     * neighbours, not alone ("Sorry, but this report is rubbish." alone weighs its one harsh word as a whole
     * tweet would). An excerpt grows past {@link #MAX_WORDS} only to reach this, to at most twice that
     * (50 words, 60-90 encoder tokens).
     */
    static final int MIN_WORDS = 15;
    /** The longest phrase whose immediate repetition is left out. */
    static final int MAX_REPEATED_WORDS = 4;

    private Excerpts() {
    }

    /**
     * One excerpt of a comment.
     *
     * @param text      what the model scores
     * @param textStart where each word starts in {@code text}
     * @param origin    where the same word starts in the original comment
     * @param lengths   each word's length (the same in both)
     */
    record Excerpt(String text, int[] textStart, int[] origin, int[] lengths) {

        /** The original offset of excerpt offset {@code at}; a separator maps to the end of the word before it. */
        int originalStart(int at) {
            int w = wordAt(at);
            if (w < 0) {
                return 0;
            }
            return origin[w] + Math.min(at - textStart[w], lengths[w]);
        }

        /** The original offset just after excerpt offset {@code end - 1}. */
        int originalEnd(int end) {
            return end <= 0 ? 0 : originalStart(end - 1) + 1;
        }

        /** Where the excerpt's words start and end in the original comment. */
        int originalFirst() {
            return origin.length == 0 ? 0 : origin[0];
        }

        int originalLast() {
            return origin.length == 0 ? 0 : origin[origin.length - 1] + lengths[lengths.length - 1];
        }

        private int wordAt(int at) {
            int w = -1;
            for (int i = 0; i < textStart.length && textStart[i] <= at; i++) {
                w = i;
            }
            return w;
        }
    }

    /** The excerpts of {@code original}, in order; a text without words is one empty excerpt. */
    static List<Excerpt> of(String original) {
        return of(original, MAX_WORDS);
    }

    /** As {@link #of(String)}, with at most {@code maxWords} words per excerpt. */
    static List<Excerpt> of(String original, int maxWords) {
        List<List<int[]>> sentences = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int[] sentence : sentences(original)) {
            List<int[]> words = withoutRepeats(original, words(original, sentence[0], sentence[1]));
            StringBuilder key = new StringBuilder();
            for (int[] word : words) {
                key.append(key(original, word)).append(' ');
            }
            if (!words.isEmpty() && seen.add(key.toString())) {
                sentences.add(words);
            }
        }
        List<Group> groups = new ArrayList<>();
        Group current = new Group();
        for (List<int[]> sentence : sentences) {
            if (current.size() >= MIN_WORDS && current.size() + sentence.size() > maxWords) {
                groups.add(current);
                current = new Group();
            }
            boolean first = true;
            for (int[] word : sentence) {
                if (current.size() == 2 * maxWords) {
                    groups.add(current);
                    current = new Group();
                }
                current.add(word, first);
                first = false;
            }
        }
        if (current.size() > 0) {
            Group last = groups.isEmpty() ? null : groups.getLast();
            if (last != null && current.size() < MIN_WORDS && last.size() + current.size() <= 2 * maxWords) {
                last.addAll(current);
            } else {
                groups.add(current);
            }
        }
        List<Excerpt> excerpts = new ArrayList<>();
        for (Group group : groups) {
            excerpts.add(group.excerpt(original));
        }
        if (excerpts.isEmpty()) {
            excerpts.add(new Excerpt("", new int[0], new int[0], new int[0]));
        }
        return excerpts;
    }

    /** Sentences as {start, end} in the original: they end after . ! ? … followed by a space, or at a line break. */
    private static List<int[]> sentences(String text) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = c == '\n' || c == '\r'
                    || ((c == '.' || c == '!' || c == '?' || c == '…') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))));
            if (end) {
                out.add(new int[] {start, c == '\n' || c == '\r' ? i : i + 1});
                start = i + 1;
            }
        }
        out.add(new int[] {start, text.length()});
        return out;
    }

    /** Words are runs between spaces; in scripts written without spaces (Chinese, Japanese, Thai …) each character is one. */
    private static List<int[]> words(String text, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            while (i < to && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < to && !Character.isWhitespace(text.charAt(i))) {
                int cp = text.codePointAt(i);
                if (unspaced(cp)) {
                    if (i > start) {
                        out.add(new int[] {start, i});
                    }
                    int end = i + Character.charCount(cp);
                    out.add(new int[] {i, end});
                    start = end;
                }
                i += Character.charCount(cp);
            }
            if (i > start) {
                out.add(new int[] {start, i});
            }
        }
        return out;
    }

    private static boolean unspaced(int cp) {
        if (cp < 0x0E00) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI
                || script == Character.UnicodeScript.LAO || script == Character.UnicodeScript.KHMER
                || script == Character.UnicodeScript.MYANMAR;
    }

    /** Leaves out every word or phrase (up to {@link #MAX_REPEATED_WORDS} words) that repeats the one just kept. */
    private static List<int[]> withoutRepeats(String text, List<int[]> words) {
        List<int[]> kept = new ArrayList<>(words.size());
        List<String> keys = new ArrayList<>(words.size());
        int i = 0;
        next:
        while (i < words.size()) {
            for (int n = 1; n <= MAX_REPEATED_WORDS && n <= kept.size() && i + n <= words.size(); n++) {
                boolean repeats = true;
                for (int k = 0; k < n && repeats; k++) {
                    repeats = keys.get(kept.size() - n + k).equals(key(text, words.get(i + k)));
                }
                if (repeats) {
                    i += n;
                    continue next;
                }
            }
            kept.add(words.get(i));
            keys.add(key(text, words.get(i)));
            i++;
        }
        return kept;
    }

    /** A word as compared for repetition: its letters and digits in lower case ("Idiot!" = "idiot"). */
    private static String key(String text, int[] word) {
        StringBuilder key = new StringBuilder(word[1] - word[0]);
        for (int i = word[0]; i < word[1]; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                key.append(c);
            }
        }
        return key.isEmpty() ? text.substring(word[0], word[1]) : key.toString().toLowerCase(Locale.ROOT);
    }

    /** The words of one excerpt, each marked when it starts a sentence. */
    private static final class Group {
        private final List<int[]> words = new ArrayList<>();
        private final List<Boolean> startsSentence = new ArrayList<>();

        int size() {
            return words.size();
        }

        void add(int[] word, boolean sentenceStart) {
            words.add(word);
            startsSentence.add(sentenceStart);
        }

        void addAll(Group other) {
            words.addAll(other.words);
            startsSentence.addAll(other.startsSentence);
        }

        /** The words joined by a space, or a line break where a sentence starts. */
        Excerpt excerpt(String original) {
            int n = words.size();
            StringBuilder text = new StringBuilder();
            int[] origin = new int[n];
            int[] lengths = new int[n];
            int[] textStart = new int[n];
            for (int i = 0; i < n; i++) {
                int[] word = words.get(i);
                if (i > 0) {
                    text.append(startsSentence.get(i) ? '\n' : ' ');
                }
                textStart[i] = text.length();
                origin[i] = word[0];
                lengths[i] = word[1] - word[0];
                text.append(original, word[0], word[1]);
            }
            return new Excerpt(text.toString(), textStart, origin, lengths);
        }
    }
}
