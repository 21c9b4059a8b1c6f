package org.parley.abuse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores a text with a {@link Model} and explains the score: each feature's contribution (its signed
 * weight times its group scale) is spread over the normalized characters it covers, summed per word,
 * and the strongest positive words, with adjacent ones joined into phrases, become {@link Span}s in
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

    /** The model's log-odds that {@code text} is abusive, without an explanation. */
    double logit(String text) {
        return run(normalizer.normalize(text), false).logit;
    }

    AbuseAssessment assess(String text) {
        Normalized normalized = normalizer.normalize(text);
        Run run = run(normalized, true);
        double probability = 1 / (1 + Math.exp(-run.logit));
        return new AbuseAssessment(probability, spans(normalized, run));
    }

    private Run run(Normalized text, boolean explain) {
        Features features = model.features();
        Tokens tokens = features.tokens(text);
        int[] counts = features.counts(tokens);
        Run run = new Run(model, explain ? new float[text.length()] : null, tokens.starts(), tokens.ends(), tokens.count(),
                features.scale(Features.WORDS, counts[0]), features.scale(Features.CHARS, counts[1]));
        features.extract(text, tokens, run);
        run.logit += model.bias() + model.weight(Features.WORD_VOLUME) * features.volume(Features.WORDS, counts[0])
                + model.weight(Features.CHAR_VOLUME) * features.volume(Features.CHARS, counts[1]);
        return run;
    }

    private static List<Span> spans(Normalized text, Run run) {
        double[] perToken = new double[run.tokens];
        Integer[] order = new Integer[run.tokens];
        for (int t = 0; t < run.tokens; t++) {
            for (int i = run.starts[t]; i < run.ends[t]; i++) {
                perToken[t] += run.contributions[i];
            }
            order[t] = t;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer t) -> -perToken[t]).thenComparingInt(t -> t));
        boolean[] chosen = new boolean[run.tokens];
        for (int k = 0; k < Math.min(AbuseAssessment.MAX_SPANS, order.length); k++) {
            if (perToken[order[k]] >= MIN_SPAN_WEIGHT) {
                chosen[order[k]] = true;
            }
        }
        List<Span> spans = new ArrayList<>();
        for (int t = 0; t < run.tokens; t++) {
            if (!chosen[t]) {
                continue;
            }
            int last = t;
            double weight = perToken[t];
            while (last + 1 < run.tokens && chosen[last + 1] && onlySpacesBetween(text, run.ends[last], run.starts[last + 1])) {
                weight += perToken[++last];
            }
            int start = text.originalStart(run.starts[t]);
            int end = text.originalEnd(run.ends[last] - 1);
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

    /** One scoring pass: the running log-odds and, when explaining, per-character contributions. */
    private static final class Run implements Features.Sink {
        private final Model model;
        private final float[] contributions;
        private final int[] starts;
        private final int[] ends;
        private final int tokens;
        private final float wordScale;
        private final float charScale;
        private double logit;

        Run(Model model, float[] contributions, int[] starts, int[] ends, int tokens, float wordScale, float charScale) {
            this.model = model;
            this.contributions = contributions;
            this.starts = starts;
            this.ends = ends;
            this.tokens = tokens;
            this.wordScale = wordScale;
            this.charScale = charScale;
        }

        @Override
        public void feature(int key, int group, int start, int end) {
            float w = model.weight(key) * (group == Features.WORDS ? wordScale : charScale);
            logit += w;
            if (contributions != null) {
                float share = w / (end - start);
                for (int i = start; i < end; i++) {
                    contributions[i] += share;
                }
            }
        }
    }
}
