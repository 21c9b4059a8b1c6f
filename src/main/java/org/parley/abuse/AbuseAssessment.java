package org.parley.abuse;

import java.util.List;

/**
 * How likely a text is abusive (an insult, threat, identity attack or obscene harassment), with the
 * spans that drove the score, strongest first (at most {@link #MAX_SPANS}). {@code probability} is in
 * [0, 1]; it is calibrated on source-balanced training data, so compare it with
 * {@link AbuseThresholds}, not with a guess at the share of abusive comments on a site.
 */
public record AbuseAssessment(double probability, List<Span> spans) {

    public static final int MAX_SPANS = 5;

    public AbuseAssessment {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
        }
        spans = List.copyOf(spans);
    }

    /** The level this assessment reaches under a site's thresholds. */
    public AbuseLevel level(AbuseThresholds thresholds) {
        return thresholds.level(probability);
    }
}
