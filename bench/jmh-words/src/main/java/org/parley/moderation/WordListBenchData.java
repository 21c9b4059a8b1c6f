package org.parley.moderation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded inputs for the word-list benchmarks: a site list of generated terms and a comment of ordinary
 * prose with a few listed words in it, some of them disguised.
 */
final class WordListBenchData {

    static final int TERMS = 100_000;
    static final int COMMENT_CHARS = 2_000;
    private static final long SEED = 20261125L;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String[] PROSE = ("the council voted on tuesday to close the old library two hours early "
            + "and readers who rely on it are not happy about the decision which was made without asking anyone "
            + "who actually uses the building every week café naïve résumé façade 😀 👍🏽 2 + 2 = 4 100% it's "
            + "well-known that budgets are tight but surely there is another way").split(" ");

    private WordListBenchData() {
    }

    /**
     * {@link #TERMS} distinct terms: random words of 3 to 10 letters, one in ten a two-word phrase, one in
     * sixteen partial, one in five suspect.
     */
    static List<WordTerm> terms() {
        Random random = new Random(SEED);
        Set<WordTerm> terms = new LinkedHashSet<>();
        while (terms.size() < TERMS) {
            String text = word(random);
            int shape = random.nextInt(100);
            if (shape < 10) {
                text = text + " " + word(random);
            } else if (shape < 13) {
                text = "*" + text;
            } else if (shape < 16) {
                text = text + "*";
            }
            terms.add(new WordTerm(text, random.nextInt(5) == 0 ? WordTerm.Kind.SUSPECT : WordTerm.Kind.BANNED));
        }
        return List.copyOf(terms);
    }

    /** A comment of exactly {@link #COMMENT_CHARS} characters: prose, and about one listed term in 40 words. */
    static String comment(List<WordTerm> terms) {
        Random random = new Random(SEED + 1);
        StringBuilder text = new StringBuilder(COMMENT_CHARS + 64);
        while (text.length() < COMMENT_CHARS) {
            if (random.nextInt(40) == 0) {
                String term = terms.get(random.nextInt(terms.size())).text().replace("*", "");
                text.append(random.nextBoolean() ? term.toUpperCase() : disguise(term));
            } else {
                text.append(PROSE[random.nextInt(PROSE.length)]);
            }
            text.append(random.nextInt(12) == 0 ? ". " : " ");
        }
        text.setLength(COMMENT_CHARS);
        return text.toString();
    }

    private static String disguise(String term) {
        return term.replace('a', '4').replace('e', '3').replace("o", "ooo");
    }

    private static String word(Random random) {
        int length = 3 + random.nextInt(8);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return word.toString();
    }
}
