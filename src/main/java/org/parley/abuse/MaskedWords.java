package org.parley.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the profanity, insults and slurs that writers mask or space out to slip past a word filter,
 * from the lexicon {@value #RESOURCE}, for {@link Normalizer}:
 * <ul>
 *   <li><b>masked</b>: {@code f**k}, {@code sh*t}, {@code c#nt}, {@code f@#$ing}, {@code a**hole}: a word
 *       whose first letter is shown and some other letters are replaced by marks ({@code * # @ $ % _ . ! ?
 *       - & |}) becomes the lexicon word of the same length whose letters agree with the shown ones; if
 *       several fit, the one listed first (the lexicon runs from the most often masked words down:
 *       {@code s**t} is shit, not slut). A word of more than five letters must show two of them:
 *       {@code f******} could be any of a dozen words and stays as typed;</li>
 *   <li><b>spaced out</b>: {@code f u c k}, {@code i.d.i.o.t}, {@code f-u-c-k y-o-u}: three or more single
 *       letters, each separated by one space, {@code .}, {@code -}, {@code _} or {@code *}, are joined
 *       when they spell lexicon words, possibly with a few short words between them
 *       ({@code k i l l y o u r s e l f} → {@code kill yourself}); any other run ({@code U S A},
 *       {@code I a m}, {@code a-b-c}) stays as typed.</li>
 * </ul>
 * A masked word keeps its length, so each letter keeps the original range of the mark it replaces; a
 * joined word drops the separators inside it, and a space between two joined words keeps the
 * separator's range. Both steps look only at the buffers they are given and allocate nothing unless a
 * spaced-out run is found. Immutable and thread-safe.
 */
final class MaskedWords {

    static final String RESOURCE = "abuse/masked-words.txt";

    /**
     * Short words a spaced-out run may also contain, so that {@code f u c k y o u} reads as two words;
     * a run made of these alone ({@code I a m}) is not joined.
     */
    private static final String GLUE = "a an i u ur you your youre yourself yourselves go get off up out shut the am are"
            + " is so such to of me my he she they them it its this that all and piece son self in on no now"
            + " just fat ugly dirty little old";
    /** Longer runs of single letters are read in pieces of this many letters (keeps the cost bounded). */
    private static final int MAX_SPACED_LETTERS = 32;
    private static final int NONE = Integer.MAX_VALUE;

    /** The lexicon in file order, then the glue words. */
    private final char[][] words;
    private final int lexiconSize;
    /** For each letter a–z, the indices of the words starting with it, in order. */
    private final int[][] byFirstLetter;

    MaskedWords(List<String> lexicon) {
        List<String> all = new ArrayList<>(lexicon);
        lexiconSize = all.size();
        all.addAll(List.of(GLUE.split(" ")));
        words = new char[all.size()][];
        List<List<Integer>> buckets = new ArrayList<>();
        for (int c = 0; c < 26; c++) {
            buckets.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            String word = all.get(i);
            if (word.isEmpty() || !word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                throw new IllegalArgumentException("a masked word must be lower-case letters a-z, was '" + word + "'");
            }
            words[i] = word.toCharArray();
            buckets.get(word.charAt(0) - 'a').add(i);
        }
        byFirstLetter = buckets.stream().map(b -> b.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** The lexicon shipped in {@value #RESOURCE}. */
    static MaskedWords load() {
        try (InputStream in = MaskedWords.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " on the class path");
            }
            List<String> lexicon = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#"))
                    .flatMap(line -> java.util.Arrays.stream(line.strip().split("\\s+")))
                    .filter(word -> !word.isEmpty())
                    .toList();
            return new MaskedWords(lexicon);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    // ---- spaced-out letters ------------------------------------------------------------------------

    /**
     * Joins spaced-out lexicon words in place ({@code f u c k} → {@code fuck}) and returns the new
     * length. Writes never overtake reads, so one pass over the buffers suffices.
     */
    int joinSpaced(char[] s, int[] from, int[] to, int len) {
        int w = 0;
        int r = 0;
        char before = ' ';
        int runEnd = -1;
        while (r < len) {
            int letters = isLetter(s[r]) && !Character.isLetterOrDigit(before) ? spacedLetters(s, r, len) : 0;
            // a join starts where a run starts ("a f u c k i n g": a fucking), or inside a run where a
            // lexicon word starts ("x y f u c k": x y fuck); trying every letter would make a long run cost
            // quadratic time
            boolean inRun = r <= runEnd;
            if (!inRun && letters > 0) {
                runEnd = r + 2 * (letters - 1);
            }
            int[][] split = letters >= 3 && (!inRun || lexiconWordAt(s, r, letters)) ? split(s, r, letters) : null;
            int joined = split == null ? 0 : joinable(split);
            if (joined == 0) {
                before = s[r];
                if (w != r) {
                    s[w] = s[r];
                    from[w] = from[r];
                    to[w] = to[r];
                }
                w++;
                r++;
                continue;
            }
            boolean[] cuts = cuts(split, joined);
            before = s[r + 2 * (joined - 1)];
            for (int k = 0; k < joined; k++) {
                int at = r + 2 * k;
                if (k > 0 && cuts[k]) {
                    s[w] = ' ';
                    from[w] = from[at - 1];
                    to[w++] = to[at - 1];
                }
                s[w] = s[at];
                from[w] = from[at];
                to[w++] = to[at];
            }
            r += 2 * joined - 1;
        }
        return w;
    }

    /**
     * How many single letters, each followed by one separator and another single letter, start at
     * {@code r}; at most {@link #MAX_SPACED_LETTERS}.
     */
    private static int spacedLetters(char[] s, int r, int len) {
        if (!isLetter(s[r]) || r + 2 >= len || !isSpacer(s[r + 1])) {
            return 0;
        }
        int count = 1;
        int p = r;
        while (count < MAX_SPACED_LETTERS && p + 2 < len && isSpacer(s[p + 1]) && isLetter(s[p + 2])
                && (p + 3 >= len || !Character.isLetterOrDigit(s[p + 3]))) {
            p += 2;
            count++;
        }
        return count;
    }

    /** Whether a lexicon word is spelled by the spaced letters starting at {@code r}. */
    private boolean lexiconWordAt(char[] s, int r, int letters) {
        for (int index : byFirstLetter[s[r] - 'a']) {
            if (index >= lexiconSize) {
                return false;
            }
            if (words[index].length <= letters && spelledAt(s, r, 0, words[index])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpacer(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * How many of the spaced letters {@link #split} looked at make the longest run of words with at
     * least one lexicon word among them (at least 3), or 0. Splits use as few words as possible, so
     * {@code asshole} is not read as {@code ass hole}.
     */
    private static int joinable(int[][] split) {
        for (int j = split[0].length - 1; j >= 3; j--) {
            if (split[0][j] != NONE) {
                return j;
            }
        }
        return 0;
    }

    /** Where the first {@code joined} letters split into words: {@code cuts[k]} if a word starts at letter k > 0. */
    private static boolean[] cuts(int[][] split, int joined) {
        boolean[] cuts = new boolean[joined];
        int j = joined;
        boolean withLexicon = true;
        while (j > 0) {
            int i = withLexicon ? split[1][j] : split[3][j];
            withLexicon = withLexicon && split[2][j] == 1;
            cuts[i] = true;
            j = i;
        }
        return cuts;
    }

    /**
     * Dynamic programme over the first {@code count} spaced letters at {@code r}. For each prefix length
     * j: [0] fewest words of a split with a lexicon word, [1] where its last word starts, [2] 1 if the
     * words before that already held a lexicon word; [3] where the last word starts in the fewest-word
     * split of any kind, [4] that split's word count.
     */
    private int[][] split(char[] s, int r, int count) {
        int[][] dp = new int[5][count + 1];
        java.util.Arrays.fill(dp[0], NONE);
        java.util.Arrays.fill(dp[4], NONE);
        dp[4][0] = 0;
        for (int i = 0; i < count; i++) {
            if (dp[4][i] == NONE && dp[0][i] == NONE) {
                continue;
            }
            for (int index : byFirstLetter[s[r + 2 * i] - 'a']) {
                char[] word = words[index];
                int j = i + word.length;
                if (j > count || !spelledAt(s, r, i, word)) {
                    continue;
                }
                if (dp[4][i] != NONE && dp[4][i] + 1 < dp[4][j]) {
                    dp[4][j] = dp[4][i] + 1;
                    dp[3][j] = i;
                }
                if (index < lexiconSize && dp[4][i] != NONE && dp[4][i] + 1 < dp[0][j]) {
                    dp[0][j] = dp[4][i] + 1;
                    dp[1][j] = i;
                    dp[2][j] = 0;
                }
                if (dp[0][i] != NONE && dp[0][i] + 1 < dp[0][j]) {
                    dp[0][j] = dp[0][i] + 1;
                    dp[1][j] = i;
                    dp[2][j] = 1;
                }
            }
        }
        return dp;
    }

    private static boolean spelledAt(char[] s, int r, int letter, char[] word) {
        for (int k = 0; k < word.length; k++) {
            if (s[r + 2 * (letter + k)] != word[k]) {
                return false;
            }
        }
        return true;
    }

    // ---- masked words ------------------------------------------------------------------------------

    /** Replaces masked lexicon words in place ({@code f**k} → {@code fuck}); lengths do not change. */
    void unmask(char[] s, int len) {
        int i = 0;
        while (i < len) {
            if (!isMaskable(s[i])) {
                i++;
                continue;
            }
            int start = i;
            boolean marked = false;
            while (i < len && isMaskable(s[i])) {
                marked |= isMark(s[i]);
                i++;
            }
            if (marked && !unmaskWord(s, start, i)) {
                unmaskPieces(s, start, i);
            }
        }
    }

    /**
     * A run such as {@code f*ck.you} or {@code what-a-f**king} holds more than one word: when it is no
     * masked word as a whole, each piece between punctuation marks is tried alone.
     */
    private void unmaskPieces(char[] s, int start, int end) {
        int piece = start;
        for (int k = start; k <= end; k++) {
            if (k == end || isPunctuation(s[k])) {
                if (k > piece && k - piece < end - start) {
                    unmaskWord(s, piece, k);
                }
                piece = k + 1;
            }
        }
    }

    /** Unmasks {@code s[start, end)} if it is a masked lexicon word; whether it was. */
    private boolean unmaskWord(char[] s, int start, int end) {
        boolean opensWithMark = false;
        while (start < end && isMark(s[start]) && s[start] != '$' && s[start] != '@') {
            start++;
            opensWithMark = true;
        }
        while (end > start && isMark(s[end - 1]) && !isTrailingMask(s[end - 1])) {
            end--;
        }
        int trailing = 0;
        while (end - trailing > start && isTrailingMask(s[end - 1 - trailing])) {
            trailing++;
        }
        // "*word*" is emphasis and "shit*" a footnote: their closing marks stand for no letters
        if (trailing > 0 && (opensWithMark || lexiconWord(s, start, end - trailing))) {
            end -= trailing;
        }
        int length = end - start;
        if (length < 3 || !hasMarkAndLetter(s, start, end)) {
            return false;
        }
        char first = isLetter(s[start]) ? s[start] : s[start] == '$' || s[start] == '@' ? Normalizer.leet(s[start]) : 0;
        if (first == 0) {
            return false;
        }
        if (length > 5 && shown(s, start, end) < 2) {
            return false; // f****** shows one letter of seven: fucking, fuckers, fuckoff … only a guess
        }
        for (int index : byFirstLetter[first - 'a']) {
            if (index >= lexiconSize) {
                break;
            }
            char[] word = words[index];
            if (word.length == length && fits(s, start, word)) {
                System.arraycopy(word, 0, s, start, length);
                return true;
            }
        }
        return false;
    }

    /** How many characters of {@code s[start, end)} show their letter (letters, digits, a leading $ or @). */
    private static int shown(char[] s, int start, int end) {
        int shown = 1;
        for (int k = start + 1; k < end; k++) {
            shown += isLetter(s[k]) || (s[k] >= '0' && s[k] <= '9') ? 1 : 0;
        }
        return shown;
    }

    /** Whether the letters shown agree with {@code word}: a mark may stand for any letter, a digit only for its leet letter. */
    private static boolean fits(char[] s, int start, char[] word) {
        for (int k = 1; k < word.length; k++) {
            char c = s[start + k];
            if (isLetter(c) ? c != word[k] : c >= '0' && c <= '9' && Normalizer.leet(c) != word[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean lexiconWord(char[] s, int start, int end) {
        if (end - start < 3 || !isLetter(s[start])) {
            return false;
        }
        for (int index : byFirstLetter[s[start] - 'a']) {
            if (index < lexiconSize && words[index].length == end - start
                    && java.util.Arrays.equals(words[index], 0, end - start, s, start, end)) {
                return true;
            }
        }
        return false;
    }

    /** A mark after the first character (a hidden letter) and a letter a-z anywhere: not {@code $**}, {@code 5*3}. */
    private static boolean hasMarkAndLetter(char[] s, int start, int end) {
        boolean mark = false;
        boolean letter = false;
        for (int k = start; k < end; k++) {
            mark |= k > start && isMark(s[k]);
            letter |= isLetter(s[k]);
        }
        return mark && letter;
    }

    private static boolean isMaskable(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || isMark(c);
    }

    /** Characters that stand for a hidden letter inside a word. */
    private static boolean isMark(char c) {
        return switch (c) {
            case '*', '#', '@', '$', '%', '_', '.', '!', '?', '-', '&', '|', '\u2022', '\u2217', '\u00B7' -> true;
            default -> false;
        };
    }

    /** Marks that can also hide a word's last letters ({@code f***}); others there end a sentence or a word. */
    private static boolean isTrailingMask(char c) {
        return c == '*' || c == '#' || c == '_' || c == '\u2022' || c == '\u2217';
    }

    private static boolean isPunctuation(char c) {
        return c == '.' || c == '!' || c == '?' || c == '-' || c == '&' || c == '|';
    }
}
