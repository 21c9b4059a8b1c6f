package org.parley.abuse;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.parley.abuse.Excerpts.Excerpt;

/**
 * Trains the encoder's side of the model, after the fast model: the head (an L2-regularized logistic
 * regression on the encoder's vectors of the training texts, each excerpt a row carrying its text's
 * label and an equal share of its weight), then the {@link Ensemble}'s stacking weights on the
 * validation texts, which neither model was fitted on. Deterministic: full-batch L-BFGS from zero, rows
 * in data order, and the encoder gives a text the same vector every time.
 */
final class EnsembleTrainer {

    /** The head's L2 strengths tried; the one with the best mean validation ROC AUC is kept. */
    private static final double[] HEAD_L2 = {1e-5, 1e-4, 1e-3};
    private static final double STACK_L2 = 1e-4;

    private final Function<String, float[]> encoder;
    private final PrintStream log;

    /** {@code encoder} gives the vector of an encoder input (a cache in front of the real encoder). */
    EnsembleTrainer(Function<String, float[]> encoder, PrintStream log) {
        this.encoder = encoder;
        this.log = log;
    }

    Ensemble train(Model fast, List<Example> training, List<Example> validation) {
        Assessor reader = new Assessor(fast, null, null);
        List<Example> texts = new Trainer(Trainer.Settings.DEFAULT).withParleyTexts(training);
        Rows rows = rows(reader, texts);
        log.printf(Locale.ROOT, "encoder vectors of %d excerpts of %d training texts%n", rows.labels.length, texts.size());
        Rows check = rows(reader, validation);
        Ensemble best = null;
        double bestAuc = -1;
        for (double l2 : HEAD_L2) {
            double[] head = fitHead(rows, l2);
            Ensemble candidate = stack(fast, head, validation, check);
            double auc = meanAuc(candidate, fast, validation);
            log.printf(Locale.ROOT, "head L2 %.0e: mean validation ROC AUC %.4f%n", l2, auc);
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

    private double[] fitHead(Rows rows, double l2) {
        int d = SentenceEncoder.DIMENSIONS;
        double[] theta = new double[d + 1];
        new Lbfgs(10, 400, 1e-7).minimize((t, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            for (int r = 0; r < rows.labels.length; r++) {
                float[] x = rows.vectors[r];
                double z = t[d];
                for (int k = 0; k < d; k++) {
                    z += t[k] * x[k];
                }
                loss += rows.weights[r] * logLoss(z, rows.labels[r]);
                double diff = rows.weights[r] * (sigmoid(z) - (rows.labels[r] ? 1 : 0));
                for (int k = 0; k < d; k++) {
                    g[k] += diff * x[k];
                }
                g[d] += diff;
            }
            for (int k = 0; k < d; k++) {
                loss += 0.5 * l2 * t[k] * t[k];
                g[k] += l2 * t[k];
            }
            return loss;
        }, theta);
        return theta;
    }

    /**
     * Fits the weights of the fast model's and the head's log-odds and the intercept, on validation texts
     * scored as in production (pooled over their excerpts).
     */
    private Ensemble stack(Model fast, double[] head, List<Example> validation, Rows vectors) {
        float[] headWeights = new float[SentenceEncoder.DIMENSIONS];
        for (int k = 0; k < headWeights.length; k++) {
            headWeights[k] = (float) head[k];
        }
        Ensemble unfitted = new Ensemble(SentenceEncoder.NAME, headWeights, (float) head[head.length - 1], 1, 1, 0,
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
        return new Ensemble(SentenceEncoder.NAME, headWeights, unfitted.headBias(), (float) p[0], (float) p[1], (float) p[2],
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
