package org.parley.abuse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.parley.abuse.Example.Source;
import org.parley.abuse.Example.Split;

/**
 * Measures a model on labelled splits (ROC AUC, macro-F1) and chooses its thresholds from validation
 * data. Thresholds are searched on a grid of 0.01 so that the choice is stable and readable.
 */
final class Evaluation {

    /** Probabilities and gold labels of one split. */
    record Scored(double[] probabilities, boolean[] labels, int[] lengths) {

        Scored(double[] probabilities, boolean[] labels) {
            this(probabilities, labels, new int[probabilities.length]);
        }
    }

    /** Character-length buckets of the length report: lower bounds. */
    static final int[] LENGTHS = {0, 100, 300, 1000};

    private Evaluation() {
    }

    /** Scores every example by {@code logit} (in parallel: a scorer must be thread-safe), grouped by source and split. */
    static Map<Source, Map<Split, Scored>> score(java.util.function.ToDoubleFunction<String> logit, List<Example> examples) {
        Map<Source, Map<Split, List<Example>>> grouped = new EnumMap<>(Source.class);
        for (Example e : examples) {
            grouped.computeIfAbsent(e.source(), s -> new EnumMap<>(Split.class)).computeIfAbsent(e.split(), s -> new ArrayList<>()).add(e);
        }
        Map<Source, Map<Split, Scored>> scored = new EnumMap<>(Source.class);
        grouped.forEach((source, splits) -> splits.forEach((split, list) -> {
            double[] p = new double[list.size()];
            boolean[] y = new boolean[list.size()];
            int[] lengths = new int[list.size()];
            java.util.stream.IntStream.range(0, p.length).parallel().forEach(i -> {
                p[i] = 1 / (1 + Math.exp(-logit.applyAsDouble(list.get(i).text())));
                y[i] = list.get(i).abusive();
                lengths[i] = list.get(i).text().length();
            });
            scored.computeIfAbsent(source, s -> new EnumMap<>(Split.class)).put(split, new Scored(p, y, lengths));
        }));
        return scored;
    }

    /** Metrics for every validation and test split, at the model's flag threshold and at each source's own. */
    static List<SplitMetrics> metrics(Map<Source, Map<Split, Scored>> scored, double flag) {
        List<SplitMetrics> out = new ArrayList<>();
        scored.forEach((source, splits) -> {
            Scored validation = splits.get(Split.VALIDATION);
            double own = validation == null ? flag : bestThreshold(validation);
            for (Split split : List.of(Split.VALIDATION, Split.TEST)) {
                Scored s = splits.get(split);
                if (s != null) {
                    int positives = 0;
                    for (boolean label : s.labels()) {
                        positives += label ? 1 : 0;
                    }
                    out.add(new SplitMetrics(source.folder(), split.name().toLowerCase(java.util.Locale.ROOT), s.labels().length,
                            positives, auc(s), macroF1(s, flag), flag, own, macroF1(s, own)));
                }
            }
        });
        return out;
    }

    /**
     * The test splits of all data sets together (OLID once), by text length: how many texts, ROC AUC, and the
     * share of clean and of abusive texts at or above {@code flag}. A model whose clean share grows with
     * length flags long comments for being long.
     */
    static List<LengthMetrics> byLength(Map<Source, Map<Split, Scored>> scored, double flag) {
        List<LengthMetrics> out = new ArrayList<>();
        for (int b = 0; b < LENGTHS.length; b++) {
            int from = LENGTHS[b];
            int to = b + 1 < LENGTHS.length ? LENGTHS[b + 1] : Integer.MAX_VALUE;
            List<Double> p = new ArrayList<>();
            List<Boolean> y = new ArrayList<>();
            scored.forEach((source, splits) -> {
                Scored test = splits.get(Split.TEST);
                if (test != null && source != Source.OLID_TARGETED) {
                    for (int i = 0; i < test.labels().length; i++) {
                        if (test.lengths()[i] >= from && test.lengths()[i] < to) {
                            p.add(test.probabilities()[i]);
                            y.add(test.labels()[i]);
                        }
                    }
                }
            });
            double[] probabilities = p.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] labels = new boolean[y.size()];
            int abusive = 0;
            int cleanFlagged = 0;
            int abusiveFlagged = 0;
            for (int i = 0; i < labels.length; i++) {
                labels[i] = y.get(i);
                abusive += labels[i] ? 1 : 0;
                boolean flagged = probabilities[i] >= flag;
                cleanFlagged += !labels[i] && flagged ? 1 : 0;
                abusiveFlagged += labels[i] && flagged ? 1 : 0;
            }
            Scored bucket = new Scored(probabilities, labels);
            int clean = labels.length - abusive;
            out.add(new LengthMetrics(from, to, labels.length, abusive, abusive > 0 && clean > 0 ? auc(bucket) : Double.NaN,
                    clean == 0 ? Double.NaN : cleanFlagged / (double) clean, abusive == 0 ? Double.NaN : abusiveFlagged / (double) abusive));
        }
        return out;
    }

    /**
     * Thresholds from the validation splits: flag maximizes the mean macro-F1 over sources; low is the
     * highest line (at most flag) that still catches 90 % of abusive comments on average; hold is the
     * lowest line (at least flag) where, on average over sources, 90 % of what it holds is abusive.
     */
    static AbuseThresholds choose(Collection<Scored> validation) {
        double flag = 0.5;
        double best = -1;
        for (int t = 5; t <= 95; t++) {
            double threshold = t / 100.0;
            double mean = validation.stream().mapToDouble(s -> macroF1(s, threshold)).average().orElse(0);
            if (mean > best + 1e-9) {
                best = mean;
                flag = threshold;
            }
        }
        double low = 0.05;
        for (int t = (int) Math.round(flag * 100); t >= 5; t--) {
            double threshold = t / 100.0;
            if (validation.stream().mapToDouble(s -> recall(s, threshold)).average().orElse(0) >= 0.9) {
                low = threshold;
                break;
            }
        }
        double hold = 0.99;
        for (int t = (int) Math.round(flag * 100); t <= 99; t++) {
            double threshold = t / 100.0;
            if (validation.stream().mapToDouble(s -> precision(s, threshold)).average().orElse(0) >= 0.9) {
                hold = threshold;
                break;
            }
        }
        return new AbuseThresholds(low, flag, hold);
    }

    static double bestThreshold(Scored s) {
        double best = -1;
        double threshold = 0.5;
        for (int t = 1; t <= 99; t++) {
            double f1 = macroF1(s, t / 100.0);
            if (f1 > best + 1e-9) {
                best = f1;
                threshold = t / 100.0;
            }
        }
        return threshold;
    }

    /** Area under the ROC curve: the chance a random abusive text outscores a random clean one (ties half). */
    static double auc(Scored s) {
        int n = s.labels().length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s.probabilities()[a], s.probabilities()[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && s.probabilities()[order[j + 1]] == s.probabilities()[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (s.labels()[order[k]]) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static double macroF1(Scored s, double threshold) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < s.labels().length; i++) {
            boolean predicted = s.probabilities()[i] >= threshold;
            if (predicted && s.labels()[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (s.labels()[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2;
    }

    private static double f1(long tp, long fp, long fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static double recall(Scored s, double threshold) {
        long hit = 0;
        long total = 0;
        for (int i = 0; i < s.labels().length; i++) {
            if (s.labels()[i]) {
                total++;
                hit += s.probabilities()[i] >= threshold ? 1 : 0;
            }
        }
        return total == 0 ? 1 : (double) hit / total;
    }

    private static double precision(Scored s, double threshold) {
        long hit = 0;
        long total = 0;
        for (int i = 0; i < s.labels().length; i++) {
            if (s.probabilities()[i] >= threshold) {
                total++;
                hit += s.labels()[i] ? 1 : 0;
            }
        }
        return total == 0 ? 1 : (double) hit / total;
    }
}
