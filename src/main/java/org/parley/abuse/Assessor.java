package org.parley.abuse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.parley.abuse.Excerpts.Excerpt;

/**
 * Scores a comment with both models: cut into {@link Excerpts} (repetition out), each excerpt scored by
 * the fast model and, when the encoder runs here, by the encoder's head, the two combined by the
 * {@link Ensemble}, and the excerpts' scores pooled into one. Without the encoder (or a model trained
 * without one) each excerpt has the fast model's score, pooled the same way.
 *
 * <p>The explanation is the fast model's words in the excerpt that scored highest; when the encoder
 * raised that excerpt's score and the fast model names no word, the excerpt itself is the span, so a
 * moderator always sees what drove a flag. Thread-safe.
 */
final class Assessor {

    /** The pooling temperature (log-odds) of training runs, and of the fast model alone (see {@link Ensemble}). */
    static final float TEMPERATURE = 0.25f;
    private static final double MIN_SPAN_WEIGHT = 0.05;
    /** The most excerpts of one comment the encoder reads (about 400 words; 16 runs of 2-4 ms). */
    static final int MAX_ENCODED = 16;

    private final Scorer fast;
    private final Ensemble ensemble;
    private final Function<String, float[]> encoder;

    /**
     * {@code encoder} turns an encoder input into its vector ({@link EncoderPool#embed}, or a training run's
     * cache); without an ensemble or an encoder (null) the fast model scores alone.
     */
    Assessor(Model fast, Ensemble ensemble, Function<String, float[]> encoder) {
        this.fast = new Scorer(fast);
        this.ensemble = encoder == null ? null : ensemble;
        this.encoder = ensemble == null ? null : encoder;
    }

    AbuseThresholds thresholds() {
        return encoder != null ? ensemble.thresholds() : fast.model().thresholds();
    }

    /** The comment's log-odds of being abusive. */
    double logit(String text) {
        return score(text).pooled;
    }

    AbuseAssessment assess(String text) {
        Scored scored = score(text);
        Excerpt top = scored.excerpts.get(scored.top);
        AbuseAssessment words = fast.assess(top.text());
        List<Span> spans = new ArrayList<>(words.spans().size());
        for (Span span : words.spans()) {
            int start = top.originalStart(span.start());
            int end = top.originalEnd(span.end());
            spans.add(new Span(start, end, text.substring(start, end), span.weight()));
        }
        double encoderShare = scored.encoderShare[scored.top];
        if (spans.isEmpty() && encoderShare >= MIN_SPAN_WEIGHT && top.originalLast() > top.originalFirst()) {
            spans.add(new Span(top.originalFirst(), top.originalLast(),
                    text.substring(top.originalFirst(), top.originalLast()), encoderShare));
        }
        return new AbuseAssessment(1 / (1 + Math.exp(-scored.pooled)), spans, Language.guess(text) != Language.Guess.OTHER);
    }

    private Scored score(String text) {
        List<Excerpt> excerpts = Excerpts.of(text);
        int n = excerpts.size();
        double[] fastLogits = new double[n];
        for (int i = 0; i < n; i++) {
            fastLogits[i] = fast.logit(excerpts.get(i).text());
        }
        double[] logits = fastLogits;
        double[] encoderShare = new double[n];
        if (encoder != null) {
            logits = new double[n];
            double[] heads = heads(excerpts, fastLogits);
            for (int i = 0; i < n; i++) {
                logits[i] = ensemble.combine(fastLogits[i], heads[i]);
                encoderShare[i] = ensemble.encoderWeight() * heads[i];
            }
        }
        int top = 0;
        for (int i = 1; i < n; i++) {
            if (logits[i] > logits[top]) {
                top = i;
            }
        }
        double pooled = Ensemble.pool(logits, encoder == null ? TEMPERATURE : ensemble.temperature());
        return new Scored(excerpts, pooled, top, encoderShare);
    }

    /**
     * The head's log-odds of each excerpt. The encoder reads at most {@link #MAX_ENCODED} excerpts, those
     * the fast model scores highest, so a 10,000-character comment costs what a 1,500-character one does;
     * the rest are taken to be as clean as the cleanest excerpt the encoder read.
     */
    private double[] heads(List<Excerpt> excerpts, double[] fastLogits) {
        int n = excerpts.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(fastLogits[b], fastLogits[a]));
        double[] heads = new double[n];
        double cleanest = Double.POSITIVE_INFINITY;
        int read = Math.min(n, MAX_ENCODED);
        for (int k = 0; k < read; k++) {
            int i = order[k];
            heads[i] = ensemble.headLogit(encoder.apply(encoderInput(excerpts.get(i).text())));
            cleanest = Math.min(cleanest, heads[i]);
        }
        for (int k = read; k < n; k++) {
            heads[order[k]] = cleanest;
        }
        return heads;
    }

    /**
     * What the encoder reads: the fast model's normalized text (look-alike letters, leetspeak and masks
     * undone, so both models read {@code f*ck} and {@code id1ot} as words), without URL and mention
     * placeholders.
     */
    String encoderInput(String excerpt) {
        return fast.normalized(excerpt).toString().replace(Normalized.PLACEHOLDER, ' ').strip();
    }

    private record Scored(List<Excerpt> excerpts, double pooled, int top, double[] encoderShare) {
    }
}
