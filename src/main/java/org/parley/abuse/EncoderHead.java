package org.parley.abuse;

/**
 * What the model makes of the encoder's vector: log-odds of abuse from its {@link SentenceEncoder#DIMENSIONS}
 * numbers. With {@code hidden} 0 a logistic regression ({@code outer} holds a weight per dimension, then
 * the intercept); otherwise one layer of {@code hidden} tanh units ({@code inner} holds each unit's
 * weights per dimension and its intercept, {@code outer} each unit's weight, then the intercept). The
 * hidden layer reads combinations a single weight per dimension cannot (docs/MODEL.md: validation ROC
 * AUC of the head alone 0.75 against 0.72 on OLID, 0.74 against 0.69 on HateXplain). Immutable.
 */
record EncoderHead(int hidden, float[] inner, float[] outer) {

    EncoderHead {
        int d = SentenceEncoder.DIMENSIONS;
        if (hidden == 0 ? inner.length != 0 || outer.length != d + 1 : inner.length != hidden * (d + 1) || outer.length != hidden + 1) {
            throw new IllegalArgumentException("an encoder head of " + hidden + " hidden units cannot have " + inner.length
                    + " inner and " + outer.length + " outer weights");
        }
    }

    /** The number of weights a head of {@code hidden} units has, inner and outer together. */
    static int size(int hidden) {
        int d = SentenceEncoder.DIMENSIONS;
        return hidden == 0 ? d + 1 : hidden * (d + 1) + hidden + 1;
    }

    /** A head from a flat vector laid out as {@code inner} then {@code outer}. */
    static EncoderHead of(int hidden, double[] flat) {
        int innerSize = hidden == 0 ? 0 : hidden * (SentenceEncoder.DIMENSIONS + 1);
        float[] inner = new float[innerSize];
        float[] outer = new float[flat.length - innerSize];
        for (int i = 0; i < flat.length; i++) {
            if (i < innerSize) {
                inner[i] = (float) flat[i];
            } else {
                outer[i - innerSize] = (float) flat[i];
            }
        }
        return new EncoderHead(hidden, inner, outer);
    }

    double logit(float[] x) {
        return logit(x, null);
    }

    /**
     * The log-odds for {@code x}; when {@code units} is given (length {@code hidden}) it receives each
     * hidden unit's output, for training.
     */
    double logit(float[] x, double[] units) {
        int d = SentenceEncoder.DIMENSIONS;
        if (hidden == 0) {
            double z = outer[d];
            for (int k = 0; k < d; k++) {
                z += outer[k] * x[k];
            }
            return z;
        }
        double z = outer[hidden];
        for (int j = 0; j < hidden; j++) {
            int base = j * (d + 1);
            double a = inner[base + d];
            for (int k = 0; k < d; k++) {
                a += inner[base + k] * x[k];
            }
            double h = Math.tanh(a);
            if (units != null) {
                units[j] = h;
            }
            z += outer[j] * h;
        }
        return z;
    }
}
