package org.parley.abuse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores a text with a {@link Model} and explains the score. A text is as abusive as its most abusive
 * passage ({@link Passages}: runs of whole sentences or lines of at least {@link Passages#MIN_WORDS}
 * words, the shortest starting and the shortest ending at every sentence); a short text is one passage.
 * The public training data are tweet-sized, so a passage is judged at the size the model knows: one
 * insult in a long news comment is not diluted by the paragraphs around it, and text beyond a passage
 * adds passages, not weight.
 *
 * <p>Every feature is computed once and added to the sentence it lies in (a bigram joining two
 * sentences to the boundary between them); a passage's log-odds come from the sums of its sentences.
 * Explanations: each feature's contribution (its signed weight times its group scale in the winning
 * passage) is spread over the normalized characters it covers, summed per word, and the strongest
 * positive words of that passage, adjacent ones joined into phrases, become {@link Span}s in
 * original-text offsets. Thread-safe: all state is per call.
 */
final class Scorer {

    /** A word must add at least this much (log-odds) to be named in an explanation. */
    private static final double MIN_SPAN_WEIGHT = 0.05;
    private final Model model;
    private final Normalizer normalizer = new Normalizer();

    Scorer(Model model) {
        this.model = model;
    }

    Model model() {
        return model;
    }

    /** {@code text} as the model reads it. */
    Normalized normalized(String text) {
        return normalizer.normalize(text);
    }

    /** The model's log-odds that {@code text} is abusive, without an explanation. */
    double logit(String text) {
        Normalized normalized = normalizer.normalize(text);
        return run(normalized, false).best();
    }

    AbuseAssessment assess(String text) {
        Normalized normalized = normalizer.normalize(text);
        Run run = run(normalized, true);
        double logit = run.best();
        return new AbuseAssessment(1 / (1 + Math.exp(-logit)), spans(normalized, run));
    }

    private Run run(Normalized text, boolean explain) {
        Features features = model.features();
        Tokens tokens = features.tokens(text);
        Run run = new Run(model, tokens, Passages.of(tokens), explain, text.length());
        features.extract(text, tokens, run);
        run.finish(features);
        return run;
    }

    private static List<Span> spans(Normalized text, Run run) {
        int from = run.passages.firstToken(run.winner);
        int to = run.passages.endToken(run.winner);
        float[] contributions = run.contributions();
        double[] perToken = new double[to - from];
        List<Integer> order = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int i = run.tokens.start(t); i < run.tokens.end(t); i++) {
                perToken[t - from] += contributions[i];
            }
            order.add(t);
        }
        order.sort(Comparator.comparingDouble((Integer t) -> -perToken[t - from]).thenComparingInt(t -> t));
        boolean[] chosen = new boolean[to - from];
        for (int k = 0; k < Math.min(AbuseAssessment.MAX_SPANS, order.size()); k++) {
            if (perToken[order.get(k) - from] >= MIN_SPAN_WEIGHT) {
                chosen[order.get(k) - from] = true;
            }
        }
        List<Span> spans = new ArrayList<>();
        for (int t = from; t < to; t++) {
            if (!chosen[t - from]) {
                continue;
            }
            int last = t;
            double weight = perToken[t - from];
            while (last + 1 < to && chosen[last + 1 - from]
                    && onlySpacesBetween(text, run.tokens.end(last), run.tokens.start(last + 1))) {
                weight += perToken[++last - from];
            }
            int start = text.originalStart(run.tokens.start(t));
            int end = text.originalEnd(run.tokens.end(last) - 1);
            spans.add(new Span(start, end, text.original().substring(start, end), weight));
            t = last;
        }
        spans.sort(Comparator.comparingDouble(Span::weight).reversed().thenComparingInt(Span::start));
        return spans;
    }

    /** Adjacent words join into one phrase only within a clause: nothing but spaces between them. */
    private static boolean onlySpacesBetween(Normalized text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * One scoring pass: raw weight sums per group for each sentence and for each boundary between two
     * sentences (the bigram that joins them), then the log-odds of every passage from those sums; when
     * explaining, raw per-character contributions per group.
     */
    private static final class Run implements Features.Sink {
        private final Model model;
        private final Tokens tokens;
        private final Passages passages;
        private final int[] sentenceOf;
        private final double[][] sentenceSums;
        private final double[] joinSums;
        private final float[][] perChar;
        /** Contributions of joining bigrams: to the next sentence [0] and from the previous one [1]. */
        private final float[][] joinPerChar;
        private double[] scales;
        private double bestLogit = Double.NEGATIVE_INFINITY;
        /** The passage whose log-odds won. */
        private int winner;

        Run(Model model, Tokens tokens, Passages passages, boolean explain, int length) {
            this.model = model;
            this.tokens = tokens;
            this.passages = passages;
            int sentences = passages.sentences();
            this.sentenceOf = passages.sentenceOfChars(tokens, length);
            this.sentenceSums = new double[sentences][2];
            this.joinSums = new double[sentences];
            this.perChar = explain ? new float[2][length] : null;
            this.joinPerChar = explain ? new float[2][length] : null;
        }

        @Override
        public void feature(int key, int group, int start, int end) {
            float w = model.weight(key);
            int first = sentenceOf[start];
            boolean joins = first != sentenceOf[end - 1];
            if (joins) {
                joinSums[first] += w;
            } else {
                sentenceSums[first][group] += w;
            }
            if (perChar != null) {
                float share = w / (end - start);
                for (int i = start; i < end; i++) {
                    float[] target = !joins ? perChar[group] : sentenceOf[i] == first ? joinPerChar[0] : joinPerChar[1];
                    target[i] += share;
                }
            }
        }

        /**
         * Every passage's log-odds from its sentences' sums and feature counts: each sentence is counted
         * once, a passage adds one bigram per boundary it spans.
         */
        void finish(Features features) {
            int[][] sentenceCounts = new int[passages.sentences()][];
            for (int s = 0; s < sentenceCounts.length; s++) {
                sentenceCounts[s] = features.counts(tokens, passages.sentenceStart(s), passages.sentenceStart(s + 1));
            }
            for (int p = 0; p < passages.count(); p++) {
                int[] window = passages.windows()[p];
                double words = 0;
                double chars = 0;
                int wordCount = features.bigrams() ? window[1] - window[0] : 0;
                int charCount = 0;
                for (int s = window[0]; s <= window[1]; s++) {
                    words += sentenceSums[s][Features.WORDS] + (s < window[1] ? joinSums[s] : 0);
                    chars += sentenceSums[s][Features.CHARS];
                    wordCount += sentenceCounts[s][Features.WORDS];
                    charCount += sentenceCounts[s][Features.CHARS];
                }
                double wordScale = features.scale(Features.WORDS, wordCount);
                double charScale = features.scale(Features.CHARS, charCount);
                double logit = model.bias() + words * wordScale + chars * charScale
                        + model.weight(Features.WORD_VOLUME) * features.scoredVolume(Features.WORDS, wordCount)
                        + model.weight(Features.CHAR_VOLUME) * features.scoredVolume(Features.CHARS, charCount);
                if (logit > bestLogit) {
                    bestLogit = logit;
                    winner = p;
                    scales = new double[] {wordScale, charScale};
                }
            }
        }

        double best() {
            return bestLogit;
        }

        /**
         * Per-character contributions in log-odds, scaled as in the winning passage; a bigram joining two
         * sentences counts only when both are in it.
         */
        float[] contributions() {
            float[] out = new float[perChar[0].length];
            int[] window = passages.windows()[winner];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (perChar[Features.WORDS][i] * scales[Features.WORDS] + perChar[Features.CHARS][i] * scales[Features.CHARS]);
                int sentence = sentenceOf[i];
                if (sentence >= window[0] && sentence < window[1]) {
                    out[i] += (float) (joinPerChar[0][i] * scales[Features.WORDS]);
                }
                if (sentence > window[0] && sentence <= window[1]) {
                    out[i] += (float) (joinPerChar[1][i] * scales[Features.WORDS]);
                }
            }
            return out;
        }
    }
}
