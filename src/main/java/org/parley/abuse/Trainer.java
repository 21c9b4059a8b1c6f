package org.parley.abuse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.parley.abuse.Example.Source;

/**
 * Fits the logistic-regression weights of a {@link Model}: L2-regularized log loss, minimized by
 * {@link Lbfgs} over the whole training set at once (no shuffling, so no randomness: the same data and
 * settings give the same bytes). Each source weighs the same in the loss, and within a source
 * abusive and non-abusive examples are re-weighted towards an even split ({@code classBalance} 1 = fully
 * even, 0 = as found), so no single source's label rate sets the model's prior.
 */
final class Trainer {

    /** Hyper-parameters of one training run; see docs/MODEL.md for how they were chosen. */
    record Settings(int bits, int charMin, int charMax, boolean bigrams, int pooling, int wordBoost, int negationScope,
                    int pairWindow, double l2, double classBalance,
                    double identityWeight, boolean counterSpeech, boolean neutralComments, double labelledWeight,
                    int maxIterations, int threads) {

        static final Settings DEFAULT = new Settings(20, 2, 5, true, 50, 100, 4, 3, 2e-5, 1.0, 0.4, true, true, 2.0, 300,
                2);
    }

    private final Settings settings;

    Trainer(Settings settings) {
        this.settings = settings;
    }

    /**
     * Trains on {@code given} (all of them: filter splits before) plus Parley's own texts ({@link Augmentation});
     * thresholds are left at the defaults.
     */
    Model train(List<Example> given, int seed) {
        List<Example> examples = withParleyTexts(given);
        Features features = new Features(settings.bits(), settings.charMin(), settings.charMax(), settings.bigrams(), seed,
                settings.pooling(), settings.wordBoost(), settings.negationScope(), settings.pairWindow(),
                Augmentation.identityTerms());
        int n = 1 << settings.bits();
        Matrix matrix = Matrix.of(features, examples, weights(examples));
        double[] x = new double[n + 1];
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            new Lbfgs(8, settings.maxIterations(), 1e-6).minimize((w, g) -> loss(matrix, w, g, pool), x);
        } finally {
            pool.shutdownNow();
        }
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            weights[i] = (float) x[i];
        }
        return Model.quantize(features, (float) x[n], weights, AbuseThresholds.DEFAULTS);
    }

    /** {@code given} plus the texts Parley writes for training ({@link Augmentation}) these settings use. */
    List<Example> withParleyTexts(List<Example> given) {
        List<Example> examples = new ArrayList<>(given);
        if (settings.identityWeight() > 0) {
            examples.addAll(Augmentation.neutralIdentity());
            if (settings.counterSpeech()) {
                examples.addAll(Augmentation.counterSpeech());
            }
            if (settings.neutralComments()) {
                examples.addAll(Augmentation.neutralComments());
            }
            if (settings.labelledWeight() > 0) {
                Augmentation.labelledComments().stream().filter(e -> e.split() == Example.Split.TRAIN).forEach(examples::add);
            }
        }
        return examples;
    }

    /** Per-example loss weights: every source sums to the same total, its classes balanced by {@code classBalance}. */
    double[] weights(List<Example> examples) {
        Map<Source, int[]> counts = new EnumMap<>(Source.class);
        for (Example e : examples) {
            counts.computeIfAbsent(e.source(), s -> new int[2])[e.abusive() ? 1 : 0]++;
        }
        Map<Source, double[]> perClass = new EnumMap<>(Source.class);
        counts.forEach((source, c) -> {
            double neg = c[0] == 0 ? 0 : Math.pow(c[0], -settings.classBalance());
            double pos = c[1] == 0 ? 0 : Math.pow(c[1], -settings.classBalance());
            double total = neg * c[0] + pos * c[1];
            perClass.put(source, new double[] {neg / total, pos / total});
        });
        double total = counts.keySet().stream().mapToDouble(this::sourceWeight).sum();
        double[] weights = new double[examples.size()];
        for (int i = 0; i < weights.length; i++) {
            Example e = examples.get(i);
            weights[i] = perClass.get(e.source())[e.abusive() ? 1 : 0] * sourceWeight(e.source()) / total;
        }
        return weights;
    }

    /**
     * Each data set weighs 1; Parley's labelled news comments weigh {@code labelledWeight}, each other
     * file of Parley's own texts {@code identityWeight}.
     */
    private double sourceWeight(Source source) {
        if (source == Source.PARLEY_LABELLED) {
            return settings.labelledWeight();
        }
        return source.parley() ? settings.identityWeight() : 1;
    }

    private double loss(Matrix m, double[] w, double[] gradient, ExecutorService pool) {
        int parts = settings.threads();
        int n = gradient.length;
        int bias = n - 1;
        List<Future<double[]>> partials = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = m.rows() * p / parts;
            int to = m.rows() * (p + 1) / parts;
            partials.add(pool.submit(() -> {
                double[] g = new double[n + 1];
                g[n] = m.addGradient(w, g, from, to);
                return g;
            }));

        }
        java.util.Arrays.fill(gradient, 0);
        double loss = 0;
        for (Future<double[]> partial : partials) {
            double[] g;
            try {
                g = partial.get();
            } catch (Exception e) {
                throw new IllegalStateException("training worker failed", e);
            }
            for (int i = 0; i < n; i++) {
                gradient[i] += g[i];
            }
            loss += g[n];
        }
        for (int i = 0; i < bias; i++) {
            loss += 0.5 * settings.l2() * w[i] * w[i];
            gradient[i] += settings.l2() * w[i];
        }
        return loss;
    }

    /**
     * Training examples as sparse rows: feature keys, word keys first, with per-row group scales. The
     * bias is the last weight, after the {@code bias} hashed ones.
     */
    record Matrix(int[] keys, int[] offsets, int[] charStarts, float[] wordScales, float[] charScales,
                  float[] wordVolumes, float[] charVolumes, boolean[] labels, double[] weights, int bias) {

        int rows() {
            return labels.length;
        }

        static Matrix of(Features features, List<Example> examples, double[] weights) {
            Normalizer normalizer = new Normalizer();
            IntList keys = new IntList();
            IntList chars = new IntList();
            int rows = examples.size();
            int[] offsets = new int[rows + 1];
            int[] charStarts = new int[rows];
            float[] wordScales = new float[rows];
            float[] charScales = new float[rows];
            float[] wordVolumes = new float[rows];
            float[] charVolumes = new float[rows];
            boolean[] labels = new boolean[rows];
            for (int r = 0; r < rows; r++) {
                Normalized text = normalizer.normalize(examples.get(r).text());
                Tokens tokens = features.tokens(text);
                int[] counts = features.counts(tokens);
                chars.size = 0;
                features.extract(text, tokens, new RowCollector(keys, chars));
                charStarts[r] = keys.size;
                for (int i = 0; i < chars.size; i++) {
                    keys.add(chars.values[i]);
                }
                offsets[r + 1] = keys.size;
                wordScales[r] = features.scale(Features.WORDS, counts[0]);
                charScales[r] = features.scale(Features.CHARS, counts[1]);
                wordVolumes[r] = features.volume(Features.WORDS, counts[0]);
                charVolumes[r] = features.volume(Features.CHARS, counts[1]);
                labels[r] = examples.get(r).abusive();
            }
            return new Matrix(java.util.Arrays.copyOf(keys.values, keys.size), offsets, charStarts, wordScales, charScales,
                    wordVolumes, charVolumes, labels, weights, 1 << features.bits());
        }

        /** Adds rows {@code [from, to)}'s weighted log-loss gradient into {@code g}; returns their loss. */
        double addGradient(double[] w, double[] g, int from, int to) {
            double loss = 0;
            for (int r = from; r < to; r++) {
                double z = linear(w, r);
                double margin = labels[r] ? z : -z;
                loss += weights[r] * (margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin)));
                double p = 1 / (1 + Math.exp(-z));
                double d = weights[r] * (p - (labels[r] ? 1 : 0));
                addLinear(g, r, d);
            }
            return loss;
        }

        /** Row {@code r}'s log-odds. */
        private double linear(double[] w, int r) {
            double z = dot(w, offsets[r], charStarts[r], wordScales[r]) + dot(w, charStarts[r], offsets[r + 1], charScales[r]);
            return z + w[bias] + w[Features.WORD_VOLUME] * wordVolumes[r] + w[Features.CHAR_VOLUME] * charVolumes[r];
        }

        private void addLinear(double[] g, int r, double d) {
            g[bias] += d;
            g[Features.WORD_VOLUME] += d * wordVolumes[r];
            g[Features.CHAR_VOLUME] += d * charVolumes[r];
            spread(g, offsets[r], charStarts[r], d * wordScales[r]);
            spread(g, charStarts[r], offsets[r + 1], d * charScales[r]);
        }

        private double dot(double[] w, int from, int to, float scale) {
            double sum = 0;
            for (int i = from; i < to; i++) {
                int key = keys[i];
                double v = w[key & ~Features.SIGN];
                sum += key < 0 ? -v : v;
            }
            return sum * scale;
        }

        private void spread(double[] g, int from, int to, double amount) {
            for (int i = from; i < to; i++) {
                int key = keys[i];
                g[key & ~Features.SIGN] += key < 0 ? -amount : amount;
            }
        }
    }

    /** Puts a row's word keys straight into the matrix and holds its character keys until the words are done. */
    private static final class RowCollector implements Features.Sink {
        private final IntList words;
        private final IntList chars;

        RowCollector(IntList words, IntList chars) {
            this.words = words;
            this.chars = chars;
        }

        @Override
        public void feature(int key, int group, int start, int end) {
            (group == Features.WORDS ? words : chars).add(key);
        }
    }

    /** A growable int array, to build the sparse rows without boxing. */
    private static final class IntList {
        int[] values = new int[1 << 16];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
