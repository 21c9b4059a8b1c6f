package org.parley.abuse;

/**
 * Hashed features of a normalized comment: word unigrams and bigrams (group {@link #WORDS}) and the
 * character n-grams of each word, with word-boundary marks (group {@link #CHARS}). Each feature is a
 * bucket in a table of {@code 2^bits} weights and a sign (signed hashing, so collisions cancel out on
 * average instead of adding up). Character n-grams make the model robust to misspellings and
 * obfuscations the normalizer does not undo; words carry phrases such as "shut up".
 *
 * <p>Within a group every occurrence weighs {@code 1/sqrt(occurrences in the group)}, so a long comment
 * does not score higher just for being long. Immutable and thread-safe.
 */
final class Features {

    static final int WORDS = 0;
    static final int CHARS = 1;
    static final int SIGN = 0x8000_0000;
    /**
     * Buckets no hashed feature uses: one weight per group that every occurrence shares. Its
     * contribution grows with the group's size ({@link #volume}), so the model can learn how much length
     * itself says, instead of pushing the average word weight up or down to make up for it.
     */
    static final int WORD_VOLUME = 0;
    static final int CHAR_VOLUME = 1;
    private static final int RESERVED = 2;
    /** Words that negate what follows them, up to the end of the clause or {@code negationScope} words. */
    private static final int[] NEGATOR_HASHES = java.util.stream.Stream.of("not", "no", "never", "nobody", "nothing",
                    "none", "neither", "nor", "cannot", "without", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt",
                    "werent", "cant", "wont", "shouldnt", "wouldnt", "couldnt", "aint")
            .mapToInt(word -> hash(word.toCharArray(), 0, word.length())).sorted().toArray();
    private static final int NEGATED_SEED = 0x5BD1E995;
    /**
     * Words that point at who is addressed or talked about. Class 1, the reader: "you", "your" … Class 2,
     * a group set apart: "they", "these", "typical" … A word near a pointer also yields a pair feature
     * ({@link #pairWindow}), so "your lies" and "they lie" are not the same evidence as "lies".
     */
    private static final int[] READER_HASHES = java.util.stream.Stream.of("you", "your", "you're", "youre", "yours",
                    "yourself", "yourselves", "u", "ur", "ya", "yall", "y'all", "you've", "you'll", "you'd", "thee", "thou")
            .mapToInt(word -> hash(word.toCharArray(), 0, word.length())).sorted().toArray();
    private static final int[] GROUP_HASHES = java.util.stream.Stream.of("they", "them", "their", "theirs", "themselves",
                    "these", "those", "typical", "they're", "theyre")
            .mapToInt(word -> hash(word.toCharArray(), 0, word.length())).sorted().toArray();
    private static final int PAIR_SEED = 0x7F4A7C15;
    /** The hash every identity word gets instead of its own (see {@link #extract}). */
    static final int IDENTITY = 0x1D_E471;

    /** Longer tokens (hashes, base64, keyboard mashing) get no character n-grams: they cost time, say little. */
    private static final int MAX_CHAR_TOKEN = 40;
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int WORD_SEED = 0x2545F491;
    private static final int BIGRAM_SEED = 0x9E3779B9;
    private static final int CHAR_SEED = 0x68E31DA4;
    private static final char WORD_START = '\u0002';
    private static final char WORD_END = '\u0003';

    /**
     * Receives one feature occurrence: its key (bucket, sign in the top bit), group, and normalized span.
     * The span starts and ends inside words and covers one word, or two adjacent ones for a bigram
     * ({@link Scorer} relies on this to place every feature in its sentence).
     */
    interface Sink {
        void feature(int key, int group, int start, int end);
    }

    private final int bits;
    private final int mask;
    private final int charMin;
    private final int charMax;
    private final boolean bigrams;
    private final int salt;

    private final int pooling;
    private final int wordBoost;
    private final int negationScope;
    private final int pairWindow;
    private final java.util.List<String> identityTerms;
    private final int[] identityHashes;

    /**
     * {@code salt} is mixed into every hash: the training seed, so another seed gives other collisions.
     * {@code pooling} (percent) sets how a group's weight shrinks with its size: each occurrence weighs
     * {@code n^(-pooling/100)}; 50 is the L2 norm of a binary vector, 100 a plain average. Word
     * features are further multiplied by {@code wordBoost} percent: under one L2 penalty, that lets word
     * weights (rare but telling words) grow larger than character n-gram weights.
     */
    Features(int bits, int charMin, int charMax, boolean bigrams, int salt, int pooling, int wordBoost,
             int negationScope, int pairWindow, java.util.List<String> identityTerms) {
        if (bits < 10 || bits > 24 || charMin < 2 || charMax < charMin || charMax > 8) {
            throw new IllegalArgumentException("unsupported features: bits " + bits + ", char n-grams " + charMin + "-" + charMax);
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.charMin = charMin;
        this.charMax = charMax;
        this.bigrams = bigrams;
        this.salt = salt;
        this.pooling = pooling;
        this.wordBoost = wordBoost;
        this.negationScope = negationScope;
        this.pairWindow = pairWindow;
        this.identityTerms = java.util.List.copyOf(identityTerms);
        this.identityHashes = identityTerms.stream().mapToInt(term -> hash(term.toCharArray(), 0, term.length())).sorted().distinct().toArray();
        if (pooling < 0 || pooling > 100) {
            throw new IllegalArgumentException("pooling must be 0-100 percent, was " + pooling);
        }
    }

    /** Words that name who someone is (normalized), all mapped to {@link #IDENTITY}. */
    java.util.List<String> identityTerms() {
        return identityTerms;
    }

    /** How many words after a negator ("not", "nobody", "don't" …) count as negated; 0 turns this off. */
    int negationScope() {
        return negationScope;
    }

    /**
     * How many words before and after a pointer word ("you", "these" …) in the same sentence form pair
     * features with it; 0 turns pairs off.
     */
    int pairWindow() {
        return pairWindow;
    }

    int wordBoost() {
        return wordBoost;
    }

    int pooling() {
        return pooling;
    }

    /**
     * The most occurrences per group whose volume counts when scoring: about the 75th percentile of the
     * longest public training sources (OLID and HateXplain: 59–70 word and 387–435 character features).
     * Training fits the volume weights over every length, so that they, not the n-gram weights, absorb
     * what length says in tweets and Gab posts (longer there means abusive more often); scoring stops
     * counting length beyond what those data show, so a long news comment is judged on its words.
     */
    static final int[] SCORED_VOLUME_CAP = {60, 400};

    /** The value of a group's volume feature: its size times the weight of each occurrence. */
    float volume(int group, int count) {
        return count * scale(group, count);
    }

    /** {@link #volume} as scoring uses it: length beyond {@link #SCORED_VOLUME_CAP} adds nothing. */
    float scoredVolume(int group, int count) {
        return volume(group, Math.min(count, SCORED_VOLUME_CAP[group]));
    }

    /** The weight of each of a group's {@code count} occurrences. */
    float scale(int group, int count) {
        double boost = group == WORDS ? wordBoost / 100.0 : 1;
        return count == 0 ? 0 : (float) (boost * Math.pow(count, -pooling / 100.0));
    }

    int salt() {
        return salt;
    }

    int bits() {
        return bits;
    }

    int charMin() {
        return charMin;
    }

    int charMax() {
        return charMax;
    }

    boolean bigrams() {
        return bigrams;
    }

    /**
     * Finds the words of {@code text}: runs of letters, digits, apostrophes and asterisks ({@code f**k}),
     * without leading or trailing apostrophes and asterisks, each with its hash. A word on the identity
     * list gets the one shared hash {@link #IDENTITY}.
     */
    Tokens tokens(Normalized text) {
        char[] s = text.chars();
        int len = text.length();
        int capacity = len / 2 + 1;
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int[] hashes = new int[capacity];
        boolean[] negated = new boolean[capacity];
        int[] sentences = new int[capacity];
        byte[] pointers = new byte[capacity];
        boolean[] lineBreaks = new boolean[capacity];
        int count = 0;
        int scope = 0;
        int sentence = 0;
        int i = 0;
        while (i < len) {
            while (i < len && !isWordChar(s[i])) {
                if (isClauseEnd(s[i])) {
                    scope = 0;
                }
                if (isSentenceEnd(s[i])) {
                    sentence++;
                }
                i++;
            }
            int start = i;
            while (i < len && isWordChar(s[i])) {
                i++;
            }
            int end = i;
            while (start < end && !Character.isLetterOrDigit(s[start])) {
                start++;
            }
            while (end > start && !Character.isLetterOrDigit(s[end - 1])) {
                end--;
            }
            if (end > start) {
                int h = hash(s, start, end);
                starts[count] = start;
                ends[count] = end;
                negated[count] = scope > 0;
                sentences[count] = sentence;
                pointers[count] = pointer(h);
                lineBreaks[count] = count > 0 && lineBreakBetween(text, ends[count - 1], start);
                hashes[count++] = java.util.Arrays.binarySearch(identityHashes, h) >= 0 ? IDENTITY : h;
                scope = isNegator(s, start, end, h) ? negationScope : Math.max(0, scope - 1);
            }
        }
        return new Tokens(starts, ends, hashes, negated, sentences, pointers, lineBreaks, count);
    }

    /** Whether the original text has a line break between normalized offsets {@code end} and {@code start}. */
    private static boolean lineBreakBetween(Normalized text, int end, int start) {
        String original = text.original();
        for (int i = text.originalEnd(end - 1); i < text.originalStart(start); i++) {
            char c = original.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** 1 if the word addresses the reader ("you", "your" …), 2 if it sets a group apart ("they", "these" …), else 0. */
    static byte pointer(int hash) {
        if (java.util.Arrays.binarySearch(READER_HASHES, hash) >= 0) {
            return 1;
        }
        return java.util.Arrays.binarySearch(GROUP_HASHES, hash) >= 0 ? (byte) 2 : 0;
    }

    /** Normalization has made line breaks spaces; {@link Tokens#lineBreakBefore} keeps where they were. */
    private static boolean isSentenceEnd(char c) {
        return c == '.' || c == '!' || c == '?' || c == Normalized.PLACEHOLDER;
    }

    /**
     * Whether token {@code t} yields a unigram and character n-grams of its own: identity words never do
     * (naming a group is not abuse), and with pairs on, neither do pointer words (addressing someone is
     * not abuse; what is said to them is, through the pairs and bigrams).
     */
    private boolean ownFeatures(Tokens tokens, int t) {
        return tokens.hash(t) != IDENTITY && (pairWindow == 0 || tokens.pointer(t) == 0);
    }

    /** How many pair features token {@code t} yields: one per pointer within the window, in its sentence. */
    private int pairs(Tokens tokens, int t) {
        int n = 0;
        for (int p = firstPairedWith(tokens, t); p >= 0; p = nextPairedWith(tokens, t, p)) {
            n++;
        }
        return n;
    }

    /** The first pointer word token {@code t} forms a pair with, or -1 (see {@link #nextPairedWith}). */
    private int firstPairedWith(Tokens tokens, int t) {
        return pairWindow == 0 || tokens.pointer(t) != 0 ? -1 : nextPairedWith(tokens, t, Math.max(0, t - pairWindow) - 1);
    }

    /** The next pointer word after {@code p} within the pair window of {@code t} and in its sentence, or -1. */
    private int nextPairedWith(Tokens tokens, int t, int p) {
        int last = Math.min(tokens.count() - 1, t + pairWindow);
        for (int q = p + 1; q <= last; q++) {
            if (tokens.pointer(q) != 0 && tokens.sentence(q) == tokens.sentence(t)) {
                return q;
            }
        }
        return -1;
    }

    private static int hash(char[] s, int start, int end) {
        int h = FNV_OFFSET;
        for (int i = start; i < end; i++) {
            h = (h ^ s[i]) * FNV_PRIME;
        }
        return h;
    }

    private static boolean isNegator(char[] s, int start, int end, int hash) {
        return java.util.Arrays.binarySearch(NEGATOR_HASHES, hash) >= 0
                || (end - start > 3 && s[end - 3] == 'n' && s[end - 2] == '\'' && s[end - 1] == 't');
    }

    private static boolean isClauseEnd(char c) {
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == Normalized.PLACEHOLDER;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '*';
    }

    /** How many occurrences {@link #extract} reports in each group, for the given tokens. */
    int[] counts(Tokens tokens) {
        return counts(tokens, 0, tokens.count());
    }

    /**
     * How many occurrences of each group belong to tokens {@code [from, to)} alone, when these are whole
     * sentences: the bigram joining token {@code from} to the one before it is left out.
     */
    int[] counts(Tokens tokens, int from, int to) {
        int chars = 0;
        int words = 0;
        for (int t = from; t < to; t++) {
            int length = tokens.end(t) - tokens.start(t);
            if (!ownFeatures(tokens, t)) {
                words += pairs(tokens, t);
                continue;
            }
            words++;
            words += pairs(tokens, t);
            if (length <= MAX_CHAR_TOKEN && !tokens.negated(t)) {
                int padded = length + 2;
                for (int n = charMin; n <= charMax; n++) {
                    chars += Math.max(0, padded - n + 1);
                }
            }
        }
        words += bigrams ? Math.max(0, to - from - 1) : 0;
        return new int[] {words, chars};
    }

    /**
     * Reports every feature occurrence of {@code text}, given its tokens. An identity word yields no
     * feature of its own (no unigram, no character n-grams): it can only count through the words around
     * it, in bigrams such as "hate IDENTITY", where the group it names does not matter. A negated word
     * ("nobody here is stupid") yields negated word features of its own, distinct from the plain ones,
     * and no character n-grams, so "stupid" after "not" is not scored as "stupid" (Pang et al. 2002).
     */
    void extract(Normalized text, Tokens tokens, Sink sink) {
        char[] s = text.chars();
        for (int t = 0; t < tokens.count(); t++) {
            int start = tokens.start(t);
            int end = tokens.end(t);
            int h = tokens.hash(t);
            int negation = tokens.negated(t) ? NEGATED_SEED : 0;
            boolean own = ownFeatures(tokens, t);
            if (own) {
                sink.feature(key(h ^ WORD_SEED ^ negation), WORDS, start, end);
            }
            if (bigrams && t > 0) {
                sink.feature(key((tokens.hash(t - 1) * BIGRAM_SEED + h) ^ negation), WORDS, tokens.start(t - 1), end);
            }
            if (own && negation == 0 && end - start <= MAX_CHAR_TOKEN) {
                charGrams(s, start, end, sink);
            }
            for (int p = firstPairedWith(tokens, t); p >= 0; p = nextPairedWith(tokens, t, p)) {
                // credited to the word, not the pointer: "your lies" explains as "lies" said to someone
                sink.feature(key((h * PAIR_SEED + tokens.pointer(p)) ^ negation ^ WORD_SEED), WORDS, start, end);
            }
        }
    }

    private void charGrams(char[] s, int start, int end, Sink sink) {
        int padded = end - start + 2;
        for (int p = 0; p < padded; p++) {
            int h = FNV_OFFSET ^ CHAR_SEED;
            int last = Math.min(p + charMax, padded);
            for (int q = p; q < last; q++) {
                char c = q == 0 ? WORD_START : q == padded - 1 ? WORD_END : s[start + q - 1];
                h = (h ^ c) * FNV_PRIME;
                if (q - p + 1 >= charMin) {
                    sink.feature(key(h), CHARS, start + Math.max(p - 1, 0), start + Math.min(q, end - start));
                }
            }
        }
    }

    /** Bucket in the low bits, sign in the top bit, after a full avalanche of the hash. */
    private int key(int h) {
        h ^= salt;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        int bucket = h & mask;
        return (bucket < RESERVED ? bucket + RESERVED : bucket) | (h & SIGN);
    }
}
