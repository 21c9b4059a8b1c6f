package org.parley.abuse;

/**
 * A trained linear model over {@link Features}: a bias and one weight per hash bucket, kept as 8-bit
 * integers with one scale per block of {@link #BLOCK} buckets (a quarter of the memory of floats, and
 * the table stays in cache). Also carries the thresholds its training run chose. Immutable.
 */
final class Model {

    static final int BLOCK = 256;

    private final Features features;
    private final float bias;
    private final byte[] weights;
    private final float[] scales;
    private final AbuseThresholds thresholds;

    Model(Features features, float bias, byte[] weights, float[] scales, AbuseThresholds thresholds) {
        if (weights.length != 1 << features.bits() || scales.length != weights.length / BLOCK) {
            throw new IllegalArgumentException("model has " + weights.length + " weights and " + scales.length
                    + " scales for " + features.bits() + "-bit features");
        }
        this.features = features;
        this.bias = bias;
        this.weights = weights;
        this.scales = scales;
        this.thresholds = thresholds;
    }

    /** Rounds trained float weights to 8 bits per weight, one scale per block. */
    static Model quantize(Features features, float bias, float[] trained, AbuseThresholds thresholds) {
        byte[] q = new byte[trained.length];
        float[] scales = new float[trained.length / BLOCK];
        for (int b = 0; b < scales.length; b++) {
            float max = 0;
            for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                max = Math.max(max, Math.abs(trained[i]));
            }
            float scale = max / 127f;
            scales[b] = scale;
            for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                q[i] = scale == 0 ? 0 : (byte) Math.round(trained[i] / scale);
            }
        }
        return new Model(features, bias, q, scales, thresholds);
    }

    Model withBias(float newBias) {
        return new Model(features, newBias, weights, scales, thresholds);
    }

    Model withThresholds(AbuseThresholds chosen) {
        return new Model(features, bias, weights, scales, chosen);
    }

    Features features() {
        return features;
    }

    float bias() {
        return bias;
    }

    AbuseThresholds thresholds() {
        return thresholds;
    }

    /** The signed weight of a feature key (bucket plus sign bit). */
    float weight(int key) {
        int bucket = key & ~Features.SIGN;
        float w = weights[bucket] * scales[bucket / BLOCK];
        return key < 0 ? -w : w;
    }

    byte[] quantizedWeights() {
        return weights;
    }

    float[] scales() {
        return scales;
    }
}
