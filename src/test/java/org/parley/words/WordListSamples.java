package org.parley.words;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded test data for word lists: generated terms, comments, and the disguises people use on words. */
final class WordListSamples {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final Map<Character, String[]> LEET = Map.of('a', new String[] {"4", "@"},
            'e', new String[] {"3", "€"}, 'i', new String[] {"1", "!"}, 'o', new String[] {"0"},
            's', new String[] {"5", "$"}, 't', new String[] {"7"}, 'l', new String[] {"|"},
            'b', new String[] {"8"}, 'g', new String[] {"9"});
    private static final Map<Character, String> CYRILLIC = Map.of('a', "а", 'e', "е", 'o', "о", 'p', "р",
            'c', "с", 'x', "х", 'y', "у", 'i', "і", 's', "ѕ", 'j', "ј");
    private static final String[] FILLER = {"the", "council", "voted", "on", "Tuesday", "to", "close", "library",
            "early", "readers", "are", "not", "happy", "😀", "👍🏽", "café", "cafe\u0301", "naïve", "𝐛𝐨𝐥𝐝", "ﬁne",
            "日本", "(2 + 2 = 4)", "100%", "it's", "well-known", "🇺🇦", "Ünïcödé", "e\u0301te\u0301"};
    private static final String[] INVISIBLE = {"\u200B", "\u200C", "\u200D", "\u2060", "\u00AD"};

    private WordListSamples() {
    }

    /**
     * {@code count} distinct terms: random lower-case words of 3 to 10 letters, one in ten a two-word
     * phrase, a few partial ({@code *word}, {@code word*}), four in five banned.
     */
    static List<WordTerm> terms(Random random, int count) {
        Set<WordTerm> terms = new LinkedHashSet<>();
        while (terms.size() < count) {
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

    /** A comment of exactly {@code length} characters: filler with about one listed term in twenty words. */
    static String comment(Random random, List<WordTerm> terms, int length) {
        StringBuilder text = new StringBuilder(length + 64);
        while (text.length() < length) {
            if (random.nextInt(20) == 0) {
                text.append(terms.get(random.nextInt(terms.size())).core());
            } else {
                text.append(pick(random, FILLER));
            }
            text.append(pick(random, " ", " ", " ", ", ", ". ", "! "));
        }
        text.setLength(length);
        return text.toString();
    }

    /** A few filler words with a separator at each end, so whatever is put beside it stays a word of its own. */
    static String filler(Random random) {
        List<String> words = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            words.add(pick(random, FILLER));
        }
        return " " + String.join(" ", words) + " ";
    }

    /** Writes a term the way a commenter dodging a filter might; each word of a phrase on its own. */
    static String disguise(Random random, String term) {
        String[] words = term.split(" ");
        List<String> disguised = new ArrayList<>();
        for (String word : words) {
            disguised.add(disguiseWord(random, word, words.length == 1));
        }
        return String.join(pick(random, " ", "  ", ", ", " ; ", "\n"), disguised);
    }

    static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String word(Random random) {
        int length = 3 + random.nextInt(8);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return word.toString();
    }

    private static String disguiseWord(Random random, String word, boolean mayUseSpaces) {
        String stretched = elongate(random, word);
        int length = stretched.length();
        String[] pieces = new String[length];
        boolean[] letter = new boolean[length];
        for (int i = 0; i < length; i++) {
            char c = stretched.charAt(i);
            int roll = random.nextInt(10);
            if (roll < 2 && LEET.containsKey(c)) {
                pieces[i] = pick(random, LEET.get(c));
            } else {
                pieces[i] = roll == 2 && CYRILLIC.containsKey(c) ? CYRILLIC.get(c) : String.valueOf(c);
                letter[i] = true;
            }
        }
        keepLeetspeakReadable(stretched, pieces, letter);
        for (int i = 0; i < length; i++) {
            if (letter[i]) {
                pieces[i] = random.nextBoolean() ? pieces[i].toUpperCase() : pieces[i];
                if (random.nextInt(20) == 0) {
                    pieces[i] += "\u0301";
                }
            }
        }
        int spelling = random.nextInt(10);
        String gap = spelling == 0 ? pick(random, ".", "-", ". ", "_")
                : spelling == 1 && mayUseSpaces ? " " : "";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append(gap);
                if (random.nextInt(15) == 0) {
                    out.append(pick(random, INVISIBLE));
                }
            }
            out.append(pieces[i]);
        }
        return out.toString();
    }

    /** Stretches some letter runs to at least three and longer than they were: "stupid" → "stuuupid". */
    private static String elongate(Random random, String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); ) {
            int end = i + 1;
            while (end < word.length() && word.charAt(end) == word.charAt(i)) {
                end++;
            }
            int run = end - i;
            int length = random.nextInt(5) == 0 ? run + 2 + random.nextInt(3) : run;
            out.append(String.valueOf(word.charAt(i)).repeat(length));
            i = end;
        }
        return out.toString();
    }

    /**
     * Undoes substitutions a reader could not read either, per the rules in {@link MatchText}: a word keeps
     * at least one letter, {@code !} and {@code |} stand between letters, {@code @} before one.
     */
    private static void keepLeetspeakReadable(String plain, String[] pieces, boolean[] letter) {
        if (!anyTrue(letter, 0, letter.length)) {
            restore(plain, pieces, letter, 0);
        }
        for (int i = 0; i < pieces.length; i++) {
            boolean before = anyTrue(letter, 0, i);
            boolean after = anyTrue(letter, i + 1, letter.length);
            boolean readable = switch (pieces[i]) {
                case "!", "|" -> before && after;
                case "@" -> after;
                default -> true;
            };
            if (!letter[i] && !readable) {
                restore(plain, pieces, letter, i);
            }
        }
    }

    private static void restore(String plain, String[] pieces, boolean[] letter, int index) {
        pieces[index] = String.valueOf(plain.charAt(index));
        letter[index] = true;
    }

    private static boolean anyTrue(boolean[] flags, int from, int to) {
        for (int i = from; i < to; i++) {
            if (flags[i]) {
                return true;
            }
        }
        return false;
    }
}
