package org.parley.abuse;

import java.text.Normalizer.Form;

/**
 * Turns a comment into the text the model reads, the same way in training and in production:
 * <ol>
 *   <li>URLs, @mentions and #hashtags become one {@link Normalized#PLACEHOLDER} each, so the tokens that
 *       tell tweets apart from news comments cannot drive a decision;</li>
 *   <li>Unicode NFKC (full-width, ligatures, mathematical letters), accents dropped, lower case, and
 *       look-alike Cyrillic and Greek letters folded to Latin ({@code раy} → {@code pay});</li>
 *   <li>masked and spaced-out profanity, insults and slurs read as the word ({@code f**k}, {@code c#nt},
 *       {@code f u c k}, {@code i.d.i.o.t}; {@link MaskedWords}), while {@code a*b}, {@code **bold**},
 *       {@code 5*3} and {@code e.g.} stay as typed;</li>
 *   <li>leetspeak inside words ({@code st0pid}, {@code b!tch}, {@code $hit}, {@code a$$});</li>
 *   <li>elongations: a run of three or more of the same letter or mark becomes one
 *       ({@code stuuupid} → {@code stupid}, {@code !!!} → {@code !}); whitespace runs become one space;
 *       invisible format characters (zero-width joiners, soft hyphens) and combining marks vanish.</li>
 * </ol>
 * Every output character remembers the range of the original text it came from: an unmasked letter
 * the mark it replaces, a joined letter itself, the space between two joined words the separator there.
 * Thread-safe (its only state is the immutable lexicon); text that is plain ASCII allocates nothing
 * beyond the result unless it holds spaced-out letters.
 */
final class Normalizer {

    private final MaskedWords masked = MaskedWords.load();

    /** Look-alike letters (already lower-cased) and the Latin letter each stands for. */
    private static final String CONFUSABLE_FROM = "авеёкмнорстухѕіїјԁԛԝьαβεηικνορτυχωγɡıłøđ";
    private static final String CONFUSABLE_TO = "abeekmhopctyxsiijdqwbabenikvoptuxwygilod";
    /** Typographic punctuation NFKC leaves alone. */
    private static final String PUNCTUATION_FROM = "\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u2033\u2013\u2014\u2015\u2212";
    private static final String PUNCTUATION_TO = "''''''\"\"\"\"----";

    Normalized normalize(String original) {
        int n = original.length();
        Output out = new Output(n + 8);
        int i = 0;
        while (i < n) {
            int placeholderEnd = atTokenStart(original, i) ? placeholderEnd(original, i) : -1;
            if (placeholderEnd > i) {
                out.add(Normalized.PLACEHOLDER, i, placeholderEnd);
                i = placeholderEnd;
                continue;
            }
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 128 && !Character.isWhitespace(cp)) {
                out.add((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp), i, next);
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (out.len > 0 && out.chars[out.len - 1] != ' ') {
                    out.add(' ', i, next);
                }
            } else if (isInvisible(cp)) {
                if (out.len > 0) {
                    out.to[out.len - 1] = next;
                }
            } else {
                String folded = fold(cp);
                for (int k = 0; k < folded.length(); k++) {
                    out.add(folded.charAt(k), i, next);
                }
            }
            i = next;
        }
        int len = masked.joinSpaced(out.chars, out.from, out.to, out.len);
        masked.unmask(out.chars, len);
        unleet(out.chars, len);
        return squeeze(original, out.chars, out.from, out.to, len);
    }

    /**
     * The normalized characters with their original ranges. It grows as it is written, because folding
     * may turn one character into several ({@code …} into {@code ...}, a ligature or a compatibility
     * character into its letters), so the original's length is no bound.
     */
    private static final class Output {
        char[] chars;
        int[] from;
        int[] to;
        int len;

        Output(int capacity) {
            chars = new char[capacity];
            from = new int[capacity];
            to = new int[capacity];
        }

        void add(char c, int start, int end) {
            if (len == chars.length) {
                int grown = chars.length * 2;
                chars = java.util.Arrays.copyOf(chars, grown);
                from = java.util.Arrays.copyOf(from, grown);
                to = java.util.Arrays.copyOf(to, grown);
            }
            chars[len] = c;
            from[len] = start;
            to[len++] = end;
        }
    }

    /** A URL, @mention or #hashtag starting at {@code i}: where it ends, or -1. */
    private static int placeholderEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == 'h' || c == 'H' || c == 'w' || c == 'W') {
            if (s.regionMatches(true, i, "http://", 0, 7) || s.regionMatches(true, i, "https://", 0, 8)
                    || s.regionMatches(true, i, "www.", 0, 4)) {
                int end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                return end;
            }
            return -1;
        }
        if ((c == '@' || c == '#') && i + 1 < s.length() && isHandleChar(s.charAt(i + 1))) {
            int end = i + 1;
            while (end < s.length() && isHandleChar(s.charAt(end))) {
                end++;
            }
            return end;
        }
        return -1;
    }

    private static boolean atTokenStart(String s, int i) {
        if (i == 0) {
            return true;
        }
        char before = s.charAt(i - 1);
        return Character.isWhitespace(before) || "([{\"'\u201c\u2018".indexOf(before) >= 0;
    }

    private static boolean isHandleChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.CONTROL;
    }

    /** One non-ASCII code point, folded: NFKC, no accents, lower case, Latin look-alikes. */
    static String fold(int cp) {
        int punctuation = PUNCTUATION_FROM.indexOf(cp);
        if (punctuation >= 0) {
            return String.valueOf(PUNCTUATION_TO.charAt(punctuation));
        }
        String compat = java.text.Normalizer.normalize(new String(Character.toChars(cp)), Form.NFKC);
        String decomposed = java.text.Normalizer.normalize(compat, Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            if (!isInvisible(c)) {
                int lower = Character.toLowerCase(c);
                int look = CONFUSABLE_FROM.indexOf(lower);
                folded.appendCodePoint(look >= 0 ? CONFUSABLE_TO.charAt(look) : lower);
            }
        });
        return folded.toString();
    }

    /** Replaces leetspeak digits and symbols with the letters they stand for, in place. */
    static void unleet(char[] s, int len) {
        int i = 0;
        while (i < len) {
            if (leet(s[i]) == 0) {
                i++;
                continue;
            }
            int end = i;
            boolean symbolsOnly = true;
            while (end < len && leet(s[end]) != 0) {
                symbolsOnly &= !Character.isDigit(s[end]);
                end++;
            }
            boolean letterBefore = i > 0 && Character.isLetter(s[i - 1]);
            boolean wordBefore = i > 0 && (Character.isLetterOrDigit(s[i - 1]) || s[i - 1] == '\'');
            int lettersAfter = 0;
            while (end + lettersAfter < len && Character.isLetter(s[end + lettersAfter])) {
                lettersAfter++;
            }
            boolean inside = letterBefore && lettersAfter > 0;
            boolean leading = !wordBefore && s[i] != '!' && s[i] != '|' && (end - i == 1)
                    && lettersAfter >= (symbolsOnly ? 2 : 3);
            boolean trailingDollars = letterBefore && lettersAfter == 0 && allDollars(s, i, end);
            if (inside || leading || trailingDollars) {
                for (int k = i; k < end; k++) {
                    s[k] = leet(s[k]);
                }
            }
            i = end;
        }
    }

    private static boolean allDollars(char[] s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s[k] != '$') {
                return false;
            }
        }
        return true;
    }

    /** The letter a leetspeak digit or symbol stands for, or 0. */
    static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', '!', '|' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> 0;
        };
    }

    /** Collapses runs of three or more equal letters or marks (not digits) and trims spaces. */
    private static Normalized squeeze(String original, char[] s, int[] from, int[] to, int len) {
        int w = 0;
        int r = 0;
        while (r < len) {
            char c = s[r];
            int run = 1;
            while (r + run < len && s[r + run] == c) {
                run++;
            }
            if (run >= 3 && !Character.isDigit(c) && c != Normalized.PLACEHOLDER) {
                s[w] = c;
                from[w] = from[r];
                to[w++] = to[r + run - 1];
            } else {
                for (int k = 0; k < run; k++) {
                    s[w] = c;
                    from[w] = from[r + k];
                    to[w++] = to[r + k];
                }
            }
            r += run;
        }
        if (w > 0 && s[w - 1] == ' ') {
            w--;
        }
        return new Normalized(original, s, from, to, w);
    }
}
