package org.parley.words;

import java.util.Arrays;

/**
 * The middle of {@link MatchText}: the original text folded code point by code point, then split into
 * tokens, with the word-joining and leetspeak rules of {@link MatchText} applied. Each folded code point
 * ends up as a letter or digit ({@link #value}), a {@link #SEPARATOR}, or {@link #REMOVED} (the dots of
 * "f.u.c.k", the apostrophe of "don't"). Used once per text and thrown away.
 */
final class MatchTextTokens {

    static final int SEPARATOR = -1;
    static final int REMOVED = -2;

    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte SYMBOL = 3; // a leetspeak symbol: @ $ € ! ¡ |
    private static final byte APOSTROPHE = 4;
    private static final byte BLANK = 5; // whitespace: may stand between the single letters of "f u c k"
    private static final byte JOINER = 6; // punctuation that may stand between the single letters of "f.u.c.k"
    private static final byte OTHER = 7;

    private static final String JOINERS = ".-_*~·•/\\";
    private static final int MAX_JOINER_GAP = 2;
    private static final int MIN_SINGLES = 3;

    /** The class of every BMP character, computed once: {@link Character#getType} per character was most of the cost. */
    private static final byte[] BMP_CLASSES = bmpClasses();

    private int[] values;
    private int[] starts;
    private int[] ends;
    private byte[] classes;
    private boolean[] soft;
    private int size;
    private int supplementary;

    private MatchTextTokens(int capacity) {
        values = new int[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    static MatchTextTokens of(String original) {
        MatchTextTokens tokens = new MatchTextTokens(original.length() + 8);
        tokens.fold(original);
        tokens.readWords();
        return tokens;
    }

    int size() {
        return size;
    }

    /** How many values lie outside the BMP, and so take two chars each. */
    int supplementaryCount() {
        return supplementary;
    }

    /** The code point to emit, or {@link #SEPARATOR} or {@link #REMOVED}. */
    int value(int index) {
        return values[index];
    }

    int start(int index) {
        return starts[index];
    }

    int end(int index) {
        return ends[index];
    }

    /** True when the value is a letter (or a vowel sign kept with its letter), not a digit. */
    boolean isLetter(int index) {
        return classes[index] == LETTER;
    }

    boolean soft(int index) {
        return soft[index];
    }

    private void fold(String original) {
        int length = original.length();
        for (int i = 0; i < length; ) {
            int codePoint = original.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            if (codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                char folded = MatchTextFolding.fold((char) codePoint);
                switch (folded) {
                    case MatchTextFolding.DROP -> { }
                    case MatchTextFolding.MARK -> extendLast(next);
                    case MatchTextFolding.EXPAND -> addAll(MatchTextFolding.expansion((char) codePoint), i, next);
                    default -> add(folded, i, next);
                }
            } else if (MatchTextFolding.isPictograph(codePoint)) {
                add(codePoint, i, next);
            } else if (MatchTextFolding.isStrippedMark(codePoint)) {
                extendLast(next);
            } else {
                addAll(MatchTextFolding.foldSupplementary(codePoint), i, next);
            }
            i = next;
        }
    }

    private void addAll(String folded, int start, int end) {
        for (int j = 0; j < folded.length(); ) {
            int codePoint = folded.codePointAt(j);
            add(codePoint, start, end);
            j += Character.charCount(codePoint);
        }
    }

    private void add(int codePoint, int start, int end) {
        if (size == values.length) {
            int capacity = size * 2;
            values = Arrays.copyOf(values, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
        if (codePoint >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            supplementary++;
        }
        values[size] = codePoint;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /** A dropped combining mark belongs to the character before it, so highlighting "é" covers its accent. */
    private void extendLast(int end) {
        if (size > 0) {
            ends[size - 1] = end;
        }
    }

    private void readWords() {
        soft = new boolean[size];
        classes = new byte[size];
        for (int i = 0; i < size; i++) {
            int value = values[i];
            classes[i] = value < BMP_CLASSES.length ? BMP_CLASSES[value]
                    : MatchTextFolding.isPictograph(value) ? OTHER : classOf(value);
        }
        int[] tokenStarts = new int[size];
        int[] tokenEnds = new int[size];
        int tokenCount = 0;
        for (int i = 0; i < size; ) {
            if (!inToken(classes[i])) {
                i++;
                continue;
            }
            int start = i;
            int end = i + 1;
            while (end < size && inToken(classes[end])) {
                end++;
            }
            i = end;
            // Symbols that cannot be letters at a word's edge are punctuation from the start, so "J!" is the
            // single letter J when "L N J!" is spelled out. A lone "!" stays, for "b.!.t.c.h".
            while (end - start > 1 && !readAtEdge(values[start], true)) {
                classes[start++] = OTHER;
            }
            while (end - start > 1 && !readAtEdge(values[end - 1], false)) {
                classes[--end] = OTHER;
            }
            tokenStarts[tokenCount] = start;
            tokenEnds[tokenCount] = end;
            tokenCount++;
        }
        boolean[] joinsNext = new boolean[tokenCount];
        joinApostrophes(tokenStarts, tokenEnds, tokenCount, joinsNext);
        // Dotted and dashed spellings first, so "a b f.u.c.k" joins only f.u.c.k, not "abf" and "uck".
        joinSingles(tokenStarts, tokenEnds, tokenCount, joinsNext, false);
        joinSingles(tokenStarts, tokenEnds, tokenCount, joinsNext, true);
        for (int i = 0; i < size; i++) {
            if (!inToken(classes[i]) && values[i] != REMOVED) {
                values[i] = SEPARATOR;
            }
        }
        for (int first = 0; first < tokenCount; ) {
            int last = first;
            while (joinsNext[last]) {
                last++;
            }
            readLeetspeak(tokenStarts[first], tokenEnds[last]);
            first = last + 1;
        }
    }

    private void joinApostrophes(int[] tokenStarts, int[] tokenEnds, int count, boolean[] joinsNext) {
        for (int t = 0; t + 1 < count; t++) {
            int gap = tokenEnds[t];
            if (tokenStarts[t + 1] == gap + 1 && classes[gap] == APOSTROPHE
                    && classes[gap - 1] == LETTER && classes[gap + 1] == LETTER) {
                joinsNext[t] = true;
                values[gap] = REMOVED;
            }
        }
    }

    /**
     * Joins runs of single-character tokens. The first pass takes gaps that hold punctuation ("f.u.c.k",
     * "f. u. c. k"), the second gaps of whitespace only ("f u c k"); mixing the two in one run would glue
     * "f.u.c.k f-u-c-k" into one word.
     */
    private void joinSingles(int[] tokenStarts, int[] tokenEnds, int count, boolean[] joinsNext,
            boolean whitespaceGaps) {
        for (int first = 0; first < count; ) {
            if (!isSingle(first, tokenStarts, tokenEnds, joinsNext)) {
                first++;
                continue;
            }
            int last = first;
            boolean letter = classes[tokenStarts[first]] == LETTER;
            while (last + 1 < count && isSingle(last + 1, tokenStarts, tokenEnds, joinsNext)
                    && isJoinerGap(tokenEnds[last], tokenStarts[last + 1], whitespaceGaps)) {
                last++;
                letter |= classes[tokenStarts[last]] == LETTER;
            }
            if (last - first + 1 >= MIN_SINGLES && letter) {
                for (int t = first; t < last; t++) {
                    joinsNext[t] = true;
                    Arrays.fill(values, tokenEnds[t], tokenStarts[t + 1], REMOVED);
                }
            }
            first = last + 1;
        }
    }

    /**
     * A token of one character that can be read as a letter, not yet part of a longer word. A digit with
     * no letter reading (2, 6) never joins: "S k h z 2" is a word and a number.
     */
    private boolean isSingle(int token, int[] tokenStarts, int[] tokenEnds, boolean[] joinsNext) {
        int at = tokenStarts[token];
        return tokenEnds[token] - at == 1 && !joinsNext[token] && !(token > 0 && joinsNext[token - 1])
                && (classes[at] == LETTER || leetLetter(values[at]) >= 0);
    }

    private boolean isJoinerGap(int from, int to, boolean whitespace) {
        if (to - from > MAX_JOINER_GAP) {
            return false;
        }
        boolean punctuation = false;
        for (int i = from; i < to; i++) {
            if (classes[i] != JOINER && classes[i] != BLANK) {
                return false;
            }
            punctuation |= classes[i] == JOINER;
        }
        return punctuation != whitespace;
    }

    /** Applies the leetspeak rule to one word: the code points [from, to), some of them maybe removed. */
    private void readLeetspeak(int from, int to) {
        int firstLetter = -1;
        int lastLetter = -1;
        for (int i = from; i < to; i++) {
            if (classes[i] == LETTER && values[i] != REMOVED) {
                lastLetter = i;
                if (firstLetter < 0) {
                    firstLetter = i;
                }
            }
        }
        for (int i = from; i < to; i++) {
            if (values[i] == REMOVED || classes[i] == LETTER) {
                continue;
            }
            int letter = leetLetter(values[i]);
            boolean inside = firstLetter >= 0 && i > firstLetter && i < lastLetter;
            boolean atEdge = firstLetter >= 0 && !inside;
            if (letter >= 0 && (inside || atEdge && readAtEdge(values[i], i < firstLetter))) {
                values[i] = letter;
                classes[i] = LETTER;
                soft[i] = atEdge;
            } else if (classes[i] == SYMBOL) {
                values[i] = SEPARATOR; // "100$", "stupid!": punctuation after all
            }
        }
    }

    /**
     * Whether a character may be read as a letter at a word's edge: letters, digits, $ and € at either
     * edge, @ only in front ("@ss"); never ! ¡ | ("stupid!").
     */
    private static boolean readAtEdge(int codePoint, boolean leading) {
        return switch (codePoint) {
            case '!', '¡', '|' -> false;
            case '@' -> leading;
            default -> true;
        };
    }

    private static int leetLetter(int codePoint) {
        return switch (codePoint) {
            case '0' -> 'o';
            case '1', '!', '¡' -> 'i';
            case '3', '€' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            case '|' -> 'l';
            default -> -1;
        };
    }

    private static boolean inToken(byte kind) {
        return kind == LETTER || kind == DIGIT || kind == SYMBOL;
    }

    private static byte[] bmpClasses() {
        byte[] classes = new byte[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            classes[c] = classOf(c);
        }
        return classes;
    }

    private static byte classOf(int codePoint) {
        int type = Character.getType(codePoint);
        // A combining mark folding kept (an Indic vowel sign) is part of the word it is written in.
        if (Character.isLetter(codePoint) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            return LETTER;
        }
        if (codePoint >= '0' && codePoint <= '9') {
            return DIGIT;
        }
        return switch (codePoint) {
            case '@', '$', '€', '!', '¡', '|' -> SYMBOL;
            case '\'' -> APOSTROPHE;
            default -> Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) ? BLANK
                    : JOINERS.indexOf(codePoint) >= 0 || type == Character.DASH_PUNCTUATION ? JOINER : OTHER;
        };
    }
}
