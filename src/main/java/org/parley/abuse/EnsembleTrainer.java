package org.parley.abuse;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.parley.abuse.Excerpts.Excerpt;

/**
 * Trains the encoder's side of the model, after the fast model: the {@link EncoderHead} (L2-regularized
 * log loss on the encoder's vectors of the training texts, each excerpt a row carrying its text's label
 * and an equal share of its weight), then the {@link Ensemble}'s stacking weights on the validation
 * texts, which neither model was fitted on. Deterministic: full-batch L-BFGS from seeded weights,
 * gradients summed in a fixed order, and the encoder gives a text the same vector every time.
 */
final class EnsembleTrainer {

    /**
     * The heads tried, as {hidden units, L2 strength}: a logistic regression and one hidden layer of 64
     * units; the one with the best mean validation ROC AUC (of the whole ensemble) is kept.
     */
    private static final double[][] HEADS = {{0, 1e-4}, {64, 1e-4}};
    private static final double STACK_L2 = 1e-4;
    /** Rows are split into this many fixed slices whose gradients are summed in order: parallel, yet deterministic. */
    private static final int SLICES = 8;

    private final Function<String, float[]> encoder;
    private final PrintStream log;
    private final int seed;

    /** {@code encoder} gives the vector of an encoder input (a cache in front of the real encoder). */
    EnsembleTrainer(Function<String, float[]> encoder, PrintStream log, int seed) {
        this.encoder = encoder;
        this.log = log;
        this.seed = seed;
    }

    Ensemble train(Model fast, List<Example> training, List<Example> validation) {
        Assessor reader = new Assessor(fast, null, null);
        List<Example> texts = new Trainer(Trainer.Settings.DEFAULT).withParleyTexts(training);
        Rows rows = rows(reader, texts);
        log.printf(Locale.ROOT, "encoder vectors of %d excerpts of %d training texts%n", rows.labels.length, texts.size());
        Rows check = rows(reader, validation);
        Ensemble best = null;
        double bestAuc = -1;
        for (double[] settings : HEADS) {
            long started = System.nanoTime();
            EncoderHead head = fitHead(rows, (int) settings[0], settings[1]);
            Ensemble candidate = stack(fast, head, validation, check);
            double auc = meanAuc(candidate, fast, validation);
            log.printf(Locale.ROOT, "head of %d hidden units, L2 %.0e, fitted in %.0f s: mean validation ROC AUC %.4f%n",
                    head.hidden(), settings[1], (System.nanoTime() - started) / 1e9, auc);
            if (auc > bestAuc + 1e-9) {
                bestAuc = auc;
                best = candidate;
            }
        }
        return best;
    }

    /** Encoder vectors of every excerpt, with the text's label and its weight shared among its excerpts. */
    private Rows rows(Assessor reader, List<Example> examples) {
        double[] weights = new Trainer(Trainer.Settings.DEFAULT).weights(examples);
        List<String> inputs = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Double> rowWeights = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            List<Excerpt> excerpts = Excerpts.of(examples.get(i).text());
            for (Excerpt excerpt : excerpts) {
                inputs.add(reader.encoderInput(excerpt.text()));
                labels.add(examples.get(i).abusive());
                rowWeights.add(weights[i] / excerpts.size());
            }
        }
        // The encoder is thread-safe: vectors are computed in parallel and kept in row order.
        float[][] x = new float[inputs.size()][];
        IntStream.range(0, inputs.size()).parallel().forEach(r -> x[r] = encoder.apply(inputs.get(r)));
        boolean[] y = new boolean[labels.size()];
        double[] w = new double[labels.size()];
        for (int r = 0; r < y.length; r++) {
            y[r] = labels.get(r);
            w[r] = rowWeights.get(r);
        }
        return new Rows(x, y, w);
    }

    /** Fits a head by L-BFGS from small random weights (seeded: the same run gives the same head). */
    private EncoderHead fitHead(Rows rows, int hidden, double l2) {
        int size = EncoderHead.size(hidden);
        double[] theta = new double[size];
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int inner = hidden * (SentenceEncoder.DIMENSIONS + 1);
        for (int i = 0; i < inner; i++) {
            theta[i] = random.nextGaussian() * 0.05;
        }
        int n = rows.labels.length;
        new Lbfgs(10, hidden == 0 ? 400 : 300, 1e-8).minimize((t, g) -> {
            EncoderHead head = EncoderHead.of(hidden, t);
            double[][] gradients = new double[SLICES][size];
            double[] losses = new double[SLICES];
            IntStream.range(0, SLICES).parallel().forEach(slice -> {
                double[] units = new double[Math.max(1, hidden)];
                for (int r = slice; r < n; r += SLICES) {
                    losses[slice] += addGradient(head, t, rows, r, units, gradients[slice]);
                }
            });
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int slice = 0; slice < SLICES; slice++) {
                loss += losses[slice];
                for (int p = 0; p < size; p++) {
                    g[p] += gradients[slice][p];
                }
            }
            for (int p = 0; p < size; p++) {
                loss += 0.5 * l2 * t[p] * t[p];
                g[p] += l2 * t[p];
            }
            return loss;
        }, theta);
        return EncoderHead.of(hidden, theta);
    }

    /** Adds row {@code r}'s weighted log-loss gradient into {@code g} (laid out as {@code t}); returns its loss. */
    private static double addGradient(EncoderHead head, double[] t, Rows rows, int r, double[] units, double[] g) {
        int d = SentenceEncoder.DIMENSIONS;
        int hidden = head.hidden();
        float[] x = rows.vectors[r];
        double z = head.logit(x, units);
        boolean label = rows.labels[r];
        double diff = rows.weights[r] * (sigmoid(z) - (label ? 1 : 0));
        if (hidden == 0) {
            for (int k = 0; k < d; k++) {
                g[k] += diff * x[k];
            }
            g[d] += diff;
        } else {
            int outer = hidden * (d + 1);
            g[outer + hidden] += diff;
            for (int j = 0; j < hidden; j++) {
                g[outer + j] += diff * units[j];
                double back = diff * t[outer + j] * (1 - units[j] * units[j]);
                int base = j * (d + 1);
                for (int k = 0; k < d; k++) {
                    g[base + k] += back * x[k];
                }
                g[base + d] += back;
            }
        }
        return rows.weights[r] * logLoss(z, label);
    }

    /**
     * Fits the weights of the fast model's and the head's log-odds and the intercept, on validation texts
     * scored as in production (pooled over their excerpts).
     */
    private Ensemble stack(Model fast, EncoderHead head, List<Example> validation, Rows vectors) {
        Ensemble unfitted = new Ensemble(SentenceEncoder.NAME, head, 1, 1, 0,
                Assessor.TEMPERATURE, AbuseThresholds.DEFAULTS);
        Scorer scorer = new Scorer(fast);
        double[] weights = new Trainer(Trainer.Settings.DEFAULT).weights(validation);
        double[][][] parts = new double[validation.size()][][];
        int row = 0;
        for (int i = 0; i < validation.size(); i++) {
            List<Excerpt> excerpts = Excerpts.of(validation.get(i).text());
            parts[i] = new double[excerpts.size()][2];
            for (int j = 0; j < excerpts.size(); j++) {
                parts[i][j][0] = scorer.logit(excerpts.get(j).text());
                parts[i][j][1] = unfitted.headLogit(vectors.vectors[row++]);
            }
        }
        double temperature = unfitted.temperature();
        double[] p = {1, 1, 0};
        new Lbfgs(5, 200, 1e-9).minimize((q, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int i = 0; i < parts.length; i++) {
                double[] z = new double[parts[i].length];
                for (int j = 0; j < z.length; j++) {
                    z[j] = q[0] * parts[i][j][0] + q[1] * parts[i][j][1] + q[2];
                }
                double pooled = Ensemble.pool(z, temperature);
                boolean label = validation.get(i).abusive();
                loss += weights[i] * logLoss(pooled, label);
                double diff = weights[i] * (sigmoid(pooled) - (label ? 1 : 0));
                double norm = 0;
                double[] share = new double[z.length];
                for (int j = 0; j < z.length; j++) {
                    share[j] = Math.exp((z[j] - pooled) / temperature) / z.length;
                    norm += share[j];
                }
                for (int j = 0; j < z.length; j++) {
                    double s = share[j] / norm;
                    g[0] += diff * s * parts[i][j][0];
                    g[1] += diff * s * parts[i][j][1];
                    g[2] += diff * s;
                }
            }
            loss += 0.5 * STACK_L2 * (q[0] * q[0] + q[1] * q[1]);
            g[0] += STACK_L2 * q[0];
            g[1] += STACK_L2 * q[1];
            return loss;
        }, p);
        log.printf(Locale.ROOT, "stacking: %.3f x fast + %.3f x encoder %+.3f%n", p[0], p[1], p[2]);
        return new Ensemble(SentenceEncoder.NAME, head, (float) p[0], (float) p[1], (float) p[2],
                (float) temperature, AbuseThresholds.DEFAULTS);
    }

    private double meanAuc(Ensemble ensemble, Model fast, List<Example> validation) {
        Assessor assessor = new Assessor(fast, ensemble, encoder);
        return Evaluation.score(assessor::logit, validation).values().stream()
                .map(splits -> splits.get(Example.Split.VALIDATION))
                .mapToDouble(Evaluation::auc).average().orElse(0);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double logLoss(double z, boolean label) {
        double margin = label ? z : -z;
        return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
    }

    private record Rows(float[][] vectors, boolean[] labels, double[] weights) {
    }
}
