package org.parley.abuse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Scores a text with a {@link Model} and explains the score. A text is as abusive as its most abusive
 * passage: a long text is cut into passages of whole sentences (at least {@link #MIN_PASSAGE_WORDS}
 * words each) and the highest log-odds wins; a short one is one passage. The public training data are
 * tweet-sized, so a passage is judged at the size the model knows: one insult in a long news comment is
 * not diluted by the paragraphs around it, and length itself cannot raise a score.
 *
 * <p>Explanations: each feature's contribution (its signed weight times its group scale in the winning
 * passage) is spread over the normalized characters it covers, summed per word, and the strongest
 * positive words of that passage, adjacent ones joined into phrases, become {@link Span}s in
 * original-text offsets. Thread-safe: all state is per call.
 */
final class Scorer {

    /** A word must add at least this much (log-odds) to be named in an explanation. */
    private static final double MIN_SPAN_WEIGHT = 0.05;
    /**
     * The fewest words a passage has: about the median tweet of the training data (OLID: 31 word
     * features, unigrams and bigrams, so about 15 words), so that a passage is never a lone short
     * sentence ("Come on now!"), whose score is mostly noise. Larger passages dilute one insult among
     * the sentences around it; smaller ones score more lone sentences (docs/MODEL.md, "What was tried").
     */
    static final int MIN_PASSAGE_WORDS = 15;

    private final Model model;
    private final Normalizer normalizer = new Normalizer();

    Scorer(Model model) {
        this.model = model;
    }

    Model model() {
        return model;
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
        Run run = new Run(model, tokens, passages(tokens), explain, text.length());
        features.extract(text, tokens, run);
        run.finish(features);
        return run;
    }

    /**
     * Token indices where passages start, plus the token count at the end: whole sentences gathered
     * until a passage has {@link #MIN_PASSAGE_WORDS} words, a shorter rest joined to the last passage.
     */
    static int[] passages(Tokens tokens) {
        int[] bounds = new int[tokens.count() / MIN_PASSAGE_WORDS + 2];
        int passages = 0;
        int words = 0;
        for (int t = 0; t < tokens.count(); t++) {
            words++;
            boolean sentenceEnds = t + 1 == tokens.count() || tokens.sentence(t + 1) != tokens.sentence(t);
            if (sentenceEnds && words >= MIN_PASSAGE_WORDS && t + 1 < tokens.count()) {
                bounds[++passages] = t + 1;
                words = 0;
            }
        }
        if (words < MIN_PASSAGE_WORDS && passages > 0) {
            passages--;
        }
        bounds[++passages] = tokens.count();
        return Arrays.copyOf(bounds, passages + 1);
    }

    private static List<Span> spans(Normalized text, Run run) {
        int from = run.bounds[run.winner];
        int to = run.bounds[run.winner + 1];
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
     * One scoring pass: raw weight sums per group for each passage and, when explaining, raw
     * per-character contributions per group. A feature counts in the passage it lies in; the bigram
     * joining two passages lies in neither and counts nowhere.
     */
    private static final class Run implements Features.Sink {
        private final Model model;
        private final Tokens tokens;
        private final int[] bounds;
        private final int[] passageStarts;
        private final double[][] sums;
        private final float[][] perChar;
        private double[] scales;
        private double bestLogit = Double.NEGATIVE_INFINITY;
        /** The passage whose log-odds won. */
        private int winner;

        Run(Model model, Tokens tokens, int[] bounds, boolean explain, int length) {
            this.model = model;
            this.tokens = tokens;
            this.bounds = bounds;
            int passages = bounds.length - 1;
            this.passageStarts = new int[passages];
            for (int p = 0; p < passages; p++) {
                passageStarts[p] = tokens.count() == 0 ? 0 : tokens.start(bounds[p]);
            }
            this.sums = new double[passages][2];
            this.perChar = explain ? new float[2][length] : null;
        }

        @Override
        public void feature(int key, int group, int start, int end) {
            int p = passageOf(start);
            if (p != passageOf(end - 1)) {
                return;
            }
            float w = model.weight(key);
            sums[p][group] += w;
            if (perChar != null) {
                float share = w / (end - start);
                for (int i = start; i < end; i++) {
                    perChar[group][i] += share;
                }
            }
        }

        private int passageOf(int offset) {
            if (passageStarts.length == 1) {
                return 0;
            }
            int i = Arrays.binarySearch(passageStarts, offset);
            return i >= 0 ? i : -i - 2;
        }

        void finish(Features features) {
            for (int p = 0; p < sums.length; p++) {
                int[] counts = features.counts(tokens, bounds[p], bounds[p + 1]);
                double logit = model.bias()
                        + sums[p][Features.WORDS] * features.scale(Features.WORDS, counts[0])
                        + sums[p][Features.CHARS] * features.scale(Features.CHARS, counts[1])
                        + model.weight(Features.WORD_VOLUME) * features.scoredVolume(Features.WORDS, counts[0])
                        + model.weight(Features.CHAR_VOLUME) * features.scoredVolume(Features.CHARS, counts[1]);
                if (logit > bestLogit) {
                    bestLogit = logit;
                    winner = p;
                    scales = new double[] {features.scale(Features.WORDS, counts[0]), features.scale(Features.CHARS, counts[1])};
                }
            }
        }

        double best() {
            return bestLogit;
        }

        /** Per-character contributions in log-odds, scaled as in the winning passage. */
        float[] contributions() {
            float[] out = new float[perChar[0].length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (perChar[Features.WORDS][i] * scales[Features.WORDS] + perChar[Features.CHARS][i] * scales[Features.CHARS]);
            }
            return out;
        }
    }
}
