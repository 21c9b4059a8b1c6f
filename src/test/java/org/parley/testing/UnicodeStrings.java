package org.parley.testing;

import java.util.Random;

/**
 * Seeded random text for property tests of everything that folds, splits or indexes what readers
 * write. Each string mixes plain words with the characters that change length when folded (ellipses,
 * ligatures, full-width and compatibility forms, Arabic ligatures that unfold into a phrase), characters
 * that vanish (combining marks, zero-width and bidi controls), emoji and their joiners, lone surrogates,
 * and code points picked anywhere in Unicode, assigned or not.
 */
public final class UnicodeStrings {

    private static final String[] WORDS = {"well", "I", "think", "idiot", "stupid", "f.u.c.k", "sh1t", "a$$",
        "http://x.example/a", "@name", "#tag", "don't", "1000", "4", "!!!", "...", "  ", "\n\n", "'", "\""};
    /** Characters whose compatibility or case folding is longer or shorter than themselves. */
    private static final String EXPANDING = "\u2026\uFB01\uFB03\uFB00\u2025\u3392\u33A1\u2474\u2488\u24B6\u00BD\u2153"
            + "\uFDFA\uFDFB\uFDF2\u0390\u00DF\u0130\u0149\u01F0\u1E9E\u2121\u2122\u3250\u32CC\u337F\u2000\u00A0\u3000"
            + "\uFF21\uFF41\uFF10\uFF01\uFE4F\uD835\uDC00\u2460\u24EA\u01C4\u01C6\u0587\u0EDC\u1E9A\uFB13\uFB2C";
    /** Characters that vanish or steer text: combining marks, zero-width and bidi controls, variation selectors. */
    private static final String VANISHING = "\u0301\u0308\u0327\u20DD\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C"
            + "\u202D\u202E\u2066\u2067\u2068\u2069\u061C\u00AD\uFEFF\uFE0F\u034F\u0000\u001B\u007F\u0085\u2028\u2029"
            + "\uFDD0\uFDD1\uFDD2\uFDEF\uFFFE\uFFFF\uFFFD\u3164\u115F\uFFA0";
    private static final String[] EMOJI = {"\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
        "\uD83C\uDDFA\uD83C\uDDE6", "\u2764\uFE0F", "\uD835\uDC1A\uD835\uDC1B", "\uD840\uDC00"};
    private static final String ARABIC_AND_HEBREW = "\u0627\u0644\u0633\u0644\u0627\u0645 \u05E9\u05DC\u05D5\u05DD \u0661\u0662\u0663";

    private UnicodeStrings() {
    }

    /** A string of up to {@code maxParts} pieces of the kinds above. */
    public static String next(Random random, int maxParts) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(maxParts + 1);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(9)) {
                case 0, 1 -> text.append(WORDS[random.nextInt(WORDS.length)]);
                case 2 -> text.appendCodePoint(EXPANDING.codePointAt(codePointIndex(random, EXPANDING)));
                case 3 -> text.appendCodePoint(VANISHING.codePointAt(random.nextInt(VANISHING.length())));
                case 4 -> text.append(EMOJI[random.nextInt(EMOJI.length)]);
                case 5 -> text.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
                case 6 -> text.append(ARABIC_AND_HEBREW, 0, 1 + random.nextInt(ARABIC_AND_HEBREW.length()));
                case 7 -> text.appendCodePoint(random.nextInt(random.nextBoolean() ? 0x10000 : Character.MAX_CODE_POINT + 1));
                default -> text.append(' ');
            }
        }
        return text.toString();
    }

    private static int codePointIndex(Random random, String s) {
        int index = random.nextInt(s.length());
        return Character.isLowSurrogate(s.charAt(index)) && index > 0 ? index - 1 : index;
    }
}
