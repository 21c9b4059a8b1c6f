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

    boolean usesEncoder() {
        return encoder != null;
    }

    AbuseThresholds thresholds() {
        return usesEncoder() ? ensemble.thresholds() : fast.model().thresholds();
    }

    Scorer fast() {
        return fast;
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
        double[] logits = new double[excerpts.size()];
        double[] encoderShare = new double[excerpts.size()];
        int top = 0;
        for (int i = 0; i < logits.length; i++) {
            String excerpt = excerpts.get(i).text();
            double fastLogit = fast.logit(excerpt);
            if (encoder == null) {
                logits[i] = fastLogit;
            } else {
                double head = ensemble.headLogit(encoder.apply(encoderInput(excerpt)));
                logits[i] = ensemble.combine(fastLogit, head);
                encoderShare[i] = ensemble.encoderWeight() * head;
            }
            if (logits[i] > logits[top]) {
                top = i;
            }
        }
        double pooled = Ensemble.pool(logits, encoder == null ? TEMPERATURE : ensemble.temperature());
        return new Scored(excerpts, pooled, top, encoderShare);
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
