package org.parley.abuse;

import java.util.List;

/**
 * How likely a text is abusive (an insult, threat, identity attack or obscene harassment), with the
 * spans that drove the score, strongest first (at most {@link #MAX_SPANS}). {@code probability} is in
 * [0, 1]; it is calibrated on source-balanced training data, so compare it with
 * {@link AbuseThresholds}, not with a guess at the share of abusive comments on a site.
 * {@code reliable} is false when the text is not in English, the only language the model learned: its
 * probability then says little either way (not a low score to trust), and moderation applies the
 * site's rule for other languages.
 */
public record AbuseAssessment(double probability, List<Span> spans, boolean reliable) {

    public static final int MAX_SPANS = 5;

    public AbuseAssessment {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
        }
        spans = List.copyOf(spans);
    }

    /** An assessment of an English text (or one too short to tell). */
    public AbuseAssessment(double probability, List<Span> spans) {
        this(probability, spans, true);
    }

    /** The level this assessment reaches under a site's thresholds. */
    public AbuseLevel level(AbuseThresholds thresholds) {
        return thresholds.level(probability);
    }
}
