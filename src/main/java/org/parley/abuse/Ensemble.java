package org.parley.abuse;

/**
 * How the fast model and the sentence encoder are combined: a logistic regression on the encoder's
 * vector (the head), then, for every excerpt of a comment, a weighted sum of the two models' log-odds
 * (stacking, fitted on validation data the two models were not trained on), then one score for the
 * comment from its excerpts' scores.
 *
 * <p>Pooling is a soft maximum, {@code T · log(mean(exp(z / T)))}: one abusive excerpt among clean ones
 * still decides (its score, less {@code T · log(excerpts)}), but a comment of many clean excerpts scores
 * like one of them instead of like the most unlucky one. A plain maximum lets each extra paragraph add
 * another chance to cross the line (docs/MODEL.md, "length").
 *
 * @param encoder       which encoder's vectors the head reads
 * @param head          log-odds from the encoder's vector
 * @param fastWeight    the fast model's weight in the sum
 * @param encoderWeight the head's weight in the sum
 * @param bias          the sum's intercept
 * @param temperature   the pooling temperature {@code T} (log-odds)
 * @param thresholds    lines chosen on validation data for the combined probability
 */
record Ensemble(String encoder, EncoderHead head, float fastWeight, float encoderWeight, float bias,
                float temperature, AbuseThresholds thresholds) {

    Ensemble {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("pooling temperature must be positive, was " + temperature);
        }
    }

    /** The head's log-odds for one encoder vector. */
    double headLogit(float[] embedding) {
        return head.logit(embedding);
    }

    /** One excerpt's combined log-odds. */
    double combine(double fastLogit, double headLogit) {
        return bias + fastWeight * fastLogit + encoderWeight * headLogit;
    }

    /** A comment's log-odds from its excerpts' log-odds (the soft maximum above). */
    static double pool(double[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (double z : logits) {
            sum += Math.exp((z - max) / temperature);
        }
        return max + temperature * Math.log(sum / logits.length);
    }

    Ensemble withThresholds(AbuseThresholds chosen) {
        return new Ensemble(encoder, head, fastWeight, encoderWeight, bias, temperature, chosen);
    }

    Ensemble withBias(float newBias) {
        return new Ensemble(encoder, head, fastWeight, encoderWeight, newBias, temperature, thresholds);
    }
}
