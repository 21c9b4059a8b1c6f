package org.parley.words;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one code point becomes before words are looked at: compatibility decomposition (NFKD, which also
 * turns fullwidth {@code Ｆ}, mathematical {@code 𝐟} and circled {@code ⓕ} into {@code f}), case folding,
 * accents stripped, Cyrillic, Greek and small-capital look-alikes replaced by the Latin letter they imitate,
 * digits of any script made ASCII, invisible format characters (zero-width space and joiners, soft hyphen,
 * byte-order mark, bidi controls) dropped.
 *
 * <p>We decompose (NFKD) rather than compose (NFKC): either way the accents go, and decomposing shows them
 * as separate marks we can drop. Each code point is folded on its own, never with its neighbours, so every
 * folded character still points at exactly one original code point (the offset map in {@link MatchText}
 * depends on that). The answers are computed once, when the class loads, into a 64 K table for the Basic
 * Multilingual Plane and a short sorted list for the few hundred supplementary code points that change
 * (mathematical letters, enclosed letters): asking {@link Normalizer} per character would cost more than
 * all of matching. These are constants derived from the JDK's Unicode data, not caches: nothing is added
 * at run time.
 */
final class MatchTextFolding {

    /** Table value: a format character such as U+200B; dropped without trace. */
    static final char DROP = '\uFDD0';
    /** Table value: a combining mark; dropped, and the preceding character's span grows over it. */
    static final char MARK = '\uFDD1';
    /** Table value: the character folds to several characters, see {@link #expansion(char)}. */
    static final char EXPAND = '\uFDD2';

    /**
     * Marks from these scripts are accents and go ({@code é → e}, Arabic short vowels, variation selectors).
     * In Indic and South-East Asian scripts a non-spacing mark is a vowel, part of the word's spelling:
     * those stay, or two different words would fold together.
     */
    private static final Set<UnicodeScript> ACCENTED_SCRIPTS = Set.of(UnicodeScript.INHERITED,
            UnicodeScript.COMMON, UnicodeScript.LATIN, UnicodeScript.GREEK, UnicodeScript.CYRILLIC,
            UnicodeScript.ARABIC, UnicodeScript.HEBREW, UnicodeScript.ARMENIAN, UnicodeScript.GEORGIAN);

    /**
     * Look-alikes of Latin letters, as pairs, applied after case folding (so only lower case is listed).
     * Cyrillic and Greek letters that pass for Latin ones, Latin small capitals and IPA variants; where a
     * Greek letter's capital and small forms imitate different Latin letters we follow the small form, as
     * comments are mostly written in lower case. Right single quotation mark and modifier apostrophe become
     * {@code '} so "don’t" and "don't" are one spelling.
     */
    private static final String CONFUSABLE_PAIRS = "аaвbеeкkмmнhоoпnрpсcтtуyхxіiјjѕsԁdһhӏlүyԛqԝwɡgɑaɩi"
            + "αaβbγyεeζzηnιiκkμuνvοoρpτtυuχxωwϲcϳj"
            + "ᴀaʙbᴄcᴅdᴇeɢgʜhɪiᴊjᴋkʟlᴍmɴnᴏoᴘpʀrꜱsᴛtᴜuᴠvᴡwʏyᴢz"
            + "’'‘'ʼ'`'′'";

    /** The supplementary ranges holding compatibility decompositions: plane 1, and CJK compatibility ideographs. */
    private static final int[][] SUPPLEMENTARY_RANGES = {{0x10000, 0x1FFFF}, {0x2F800, 0x2FA1F}};

    private static final Map<Character, Character> CONFUSABLES = confusables();
    private static final char[] TABLE;
    private static final Map<Character, String> EXPANSIONS;
    private static final int[] SUPPLEMENTARY_FROM;
    private static final String[] SUPPLEMENTARY_TO;

    static {
        Map<Character, String> expansions = new HashMap<>();
        TABLE = bmpTable(expansions);
        EXPANSIONS = Map.copyOf(expansions);
        List<Integer> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        for (int[] range : SUPPLEMENTARY_RANGES) {
            for (int cp = range[0]; cp <= range[1]; cp++) {
                int type = Character.getType(cp);
                if (type == Character.UNASSIGNED || type == Character.FORMAT || isStrippedMark(cp)) {
                    continue; // unassigned stay, the others are decided by type at run time
                }
                String folded = computeFold(cp);
                if (!folded.equals(Character.toString(cp))) {
                    from.add(cp);
                    to.add(folded);
                }
            }
        }
        SUPPLEMENTARY_FROM = from.stream().mapToInt(Integer::intValue).toArray();
        SUPPLEMENTARY_TO = to.toArray(String[]::new);
    }

    private MatchTextFolding() {
    }

    /**
     * The folded form of a BMP character: a single character, or {@link #DROP}, {@link #MARK} or
     * {@link #EXPAND}.
     */
    static char fold(char c) {
        return TABLE[c];
    }

    /** The several characters a BMP character folds to, when {@link #fold(char)} said {@link #EXPAND}. */
    static String expansion(char c) {
        return EXPANSIONS.get(c);
    }

    /**
     * The folded form of a supplementary code point that is not a stripped mark ({@link #isStrippedMark}):
     * empty for a format character (tag characters), else one or more characters.
     */
    static String foldSupplementary(int codePoint) {
        int at = java.util.Arrays.binarySearch(SUPPLEMENTARY_FROM, codePoint);
        if (at >= 0) {
            return SUPPLEMENTARY_TO[at];
        }
        return Character.getType(codePoint) == Character.FORMAT ? "" : Character.toString(codePoint);
    }

    /**
     * Emoji and pictographs (U+1F300–U+1FAFF): nothing to fold, nothing to strip, never part of a word. A
     * comment may hold hundreds, so they skip every lookup.
     */
    static boolean isPictograph(int codePoint) {
        return codePoint >= 0x1F300 && codePoint <= 0x1FAFF;
    }

    /** True for a combining mark that folding removes (an accent, not a vowel sign). */
    static boolean isStrippedMark(int codePoint) {
        int type = Character.getType(codePoint);
        return (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK)
                && ACCENTED_SCRIPTS.contains(UnicodeScript.of(codePoint));
    }

    /** Folds one code point from scratch; only while the tables are built. */
    private static String computeFold(int codePoint) {
        String folded = Character.toString(codePoint);
        for (int round = 0; round < 4; round++) { // case folding can expose marks and vice versa: "İ" → "i̇" → "i"
            String next = stripMarks(Normalizer.normalize(folded, Normalizer.Form.NFKD))
                    .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            if (next.equals(folded)) {
                break;
            }
            folded = next;
        }
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            out.appendCodePoint(lookAlike(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String stripMarks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!isStrippedMark(cp) && Character.getType(cp) != Character.FORMAT) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static int lookAlike(int codePoint) {
        if (codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            Character latin = CONFUSABLES.get((char) codePoint);
            if (latin != null) {
                return latin;
            }
        }
        if (Character.isDigit(codePoint) && codePoint > '9') {
            return '0' + Character.digit(codePoint, 10); // "٣" and "३" are 3 like any other
        }
        return codePoint;
    }

    private static Map<Character, Character> confusables() {
        Map<Character, Character> map = new HashMap<>();
        for (int i = 0; i < CONFUSABLE_PAIRS.length(); i += 2) {
            map.put(CONFUSABLE_PAIRS.charAt(i), CONFUSABLE_PAIRS.charAt(i + 1));
        }
        return Map.copyOf(map);
    }

    private static char[] bmpTable(Map<Character, String> expansions) {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            table[c] = bmpEntry((char) c, expansions);
        }
        return table;
    }

    private static char bmpEntry(char c, Map<Character, String> expansions) {
        if (c == DROP || c == MARK || c == EXPAND) {
            expansions.put(c, String.valueOf(c)); // the table's own markers, typed by someone: kept as they are
            return EXPAND;
        }
        int type = Character.getType(c);
        if (type == Character.SURROGATE || type == Character.UNASSIGNED || (c >= '\uAC00' && c <= '\uD7A3')) {
            return c; // lone surrogates and unassigned stay; Hangul syllables would only decompose into jamo
        }
        if (type == Character.FORMAT) {
            return DROP;
        }
        if (isStrippedMark(c)) {
            return MARK;
        }
        String folded = c < 0x80 ? String.valueOf(Character.toLowerCase(c)) : computeFold(c);
        if (folded.isEmpty()) {
            return DROP;
        }
        if (folded.length() == 1 && folded.charAt(0) != DROP && folded.charAt(0) != MARK
                && folded.charAt(0) != EXPAND) {
            return folded.charAt(0);
        }
        expansions.put(c, folded);
        return EXPAND;
    }
}
