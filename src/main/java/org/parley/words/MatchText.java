package org.parley.words;

/**
 * A comment (or a word-list term) in the form words are matched on, with a map from every normalized
 * character back to the original characters it came from. {@link WordList} normalizes terms and comments
 * with this one class, so whatever folding is done here is done identically on both sides.
 *
 * <p>The rules, in the order they apply:
 * <ol>
 * <li>Each code point is folded on its own ({@link MatchTextFolding}): NFKD, case folding, accents and
 *     format characters (zero-width space, joiners, soft hyphen) dropped, look-alike letters made Latin,
 *     any script's digits made ASCII.</li>
 * <li>Tokens are runs of letters, digits and the leetspeak symbols {@code @ $ ! | € ¡}; a {@code ! ¡ |} at
 *     either end of a longer token, or an {@code @} at its end, is punctuation ("stupid!"). Two tokens joined
 *     by one apostrophe between letters are one word ("don't" = "dont"). Three or more tokens of one
 *     character each that can be read as letters (a letter, or a digit or symbol with a leetspeak reading:
 *     not 2 or 6), at least one a letter, separated by one or two of whitespace and
 *     {@code . - _ * ~ · • / \}, are one word: "f.u.c.k", "f-u-c-k", "s.h.1.t" and "f u c k" become words,
 *     while "I a" or "A, B, C" stay apart. Punctuated gaps are joined before blank ones, so "a b f.u.c.k"
 *     joins only the dotted letters. (Two words spelled out with blanks in a row, "f u c k y o u", become
 *     one word; a number right before spelled-out letters, "4 s h", is read with them.)</li>
 * <li>Leetspeak ({@code 0→o 1→i 3→e 4→a 5→s 7→t 8→b 9→g @→a $→s €→e !→i ¡→i |→l}) is read only in a token
 *     that also holds a letter, so "2 + 2 = 4" and "100%" stay numbers. Between the token's first and last
 *     letter every such symbol is a letter ("b!tch", "sh1t"). Before the first or after the last letter only
 *     digits, {@code $}, {@code €} (and {@code @} in front) are read as letters ("@ss", "a55"), and they are
 *     marked <em>soft</em>: a word may also begin or end next to them, so "@idiot" and "idiot1" still contain
 *     the word "idiot". A {@code !} or {@code |} at a word's edge stays punctuation ("stupid!").</li>
 * <li>Everything that is not a letter or digit is a separator; each run of separators becomes one space, so
 *     the phrase "go back to" matches "Go... back,  to".</li>
 * </ol>
 * Repeated letters are kept here; {@link WordList} compares letter runs when matching.
 *
 * <p>Offsets are UTF-16 indices into the original text. A normalized character spans the code point it
 * came from plus any combining marks dropped after it, so "é" written as {@code e + U+0301} is highlighted
 * whole. A space spans its whole run of separators. Immutable.
 */
final class MatchText {

    static final char SPACE = ' ';

    private static final byte WORD = 1;
    private static final byte LETTER = 2;
    private static final byte SOFT = 4;

    private final String original;
    private final char[] chars;
    private final int[] starts;
    private final int[] ends;
    private final byte[] flags;
    private final int length;

    private MatchText(String original, char[] chars, int[] starts, int[] ends, byte[] flags, int length) {
        this.original = original;
        this.chars = chars;
        this.starts = starts;
        this.ends = ends;
        this.flags = flags;
        this.length = length;
    }

    static MatchText of(String original) {
        if (original == null) {
            throw new IllegalArgumentException("no text to normalize");
        }
        MatchTextTokens tokens = MatchTextTokens.of(original);
        int size = tokens.size();
        int capacity = size + tokens.supplementaryCount();
        char[] chars = new char[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        byte[] flags = new byte[capacity];
        int length = 0;
        for (int i = 0; i < size; i++) {
            int value = tokens.value(i);
            if (value == MatchTextTokens.REMOVED) {
                continue;
            }
            if (value == MatchTextTokens.SEPARATOR) {
                if (length > 0 && chars[length - 1] == SPACE) {
                    ends[length - 1] = tokens.end(i);
                    continue;
                }
                chars[length] = SPACE;
                starts[length] = tokens.start(i);
                ends[length] = tokens.end(i);
                length++;
                continue;
            }
            byte flag = (byte) (WORD | (tokens.isLetter(i) ? LETTER : 0) | (tokens.soft(i) ? SOFT : 0));
            int count = Character.toChars(value, chars, length);
            for (int j = 0; j < count; j++) {
                starts[length + j] = tokens.start(i);
                ends[length + j] = tokens.end(i);
                flags[length + j] = flag;
            }
            length += count;
        }
        return new MatchText(original, chars, starts, ends, flags, length);
    }

    String original() {
        return original;
    }

    /** The normalized text, e.g. "stuuupid" for "ЅТÚÚÚРІD". */
    String normalized() {
        return new String(chars, 0, length);
    }

    int length() {
        return length;
    }

    char charAt(int index) {
        return chars[index];
    }

    int codePointAt(int index) {
        return Character.codePointAt(chars, index, length);
    }

    int codePointBefore(int index) {
        return Character.codePointBefore(chars, index, 0);
    }

    /** A letter or digit, as opposed to the space that stands for separators. */
    boolean isWord(int index) {
        return (flags[index] & WORD) != 0;
    }

    boolean isLetter(int index) {
        return (flags[index] & LETTER) != 0;
    }

    /** Leetspeak read at a word's edge: a word may begin or end beside it. */
    boolean isSoft(int index) {
        return (flags[index] & SOFT) != 0;
    }

    /** Where the original characters of normalized character {@code index} begin. */
    int originalStart(int index) {
        return starts[index];
    }

    /** Where the original characters of normalized character {@code index} end (exclusive). */
    int originalEnd(int index) {
        return ends[index];
    }

    @Override
    public String toString() {
        return normalized();
    }
}
