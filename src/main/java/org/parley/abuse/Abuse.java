package org.parley.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.abuse.Example.Source;
import org.parley.abuse.Example.Split;

/**
 * The abuse feature's door: a local classifier that says how likely a text is abusive (an insult,
 * threat, identity attack or obscene harassment) and which words drove that, plus the commands that
 * train and measure it. It knows nothing of comments: moderation passes it text and compares the
 * probability with a site's {@link AbuseThresholds}.
 *
 * <p>Scoring is thread-safe and allocation-light (a few arrays sized by the text); one instance serves
 * the whole process.
 */
public final class Abuse {

    /** Where the shipped model lives on the class path. */
    static final String RESOURCE = "abuse/model.bin";
    /** What {@link #modelLoaded} scores: any text would do. */
    private static final String PROBE = "Is the model loaded?";

    private final Scorer scorer;

    private Abuse(Model model) {
        this.scorer = new Scorer(model);
    }

    /** Loads the model shipped in the Parley jar. Fails if the jar has none or it is damaged. */
    public static Abuse create() {
        try (InputStream in = Abuse.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " in the Parley jar");
            }
            return new Abuse(ModelFile.read(in, RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** Loads a model written by {@link #train}. Fails naming the file if it is missing or not a model. */
    public static Abuse create(Path modelFile) {
        try (InputStream in = Files.newInputStream(modelFile)) {
            return new Abuse(ModelFile.read(in, modelFile.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading abuse model " + modelFile, e);
        }
    }

    /**
     * How likely {@code text} is abusive, with the words and phrases that pushed the score up (offsets
     * into {@code text} itself). Any text is accepted; an empty one scores the model's base rate.
     */
    public AbuseAssessment assess(String text) {
        return scorer.assess(text);
    }

    /**
     * True when a model is loaded and answers: a short probe text gets a probability. Costs one scoring of a
     * short text (about 0.05 ms), so a health check may ask every time it runs.
     */
    public boolean modelLoaded() {
        double probability = 1 / (1 + Math.exp(-scorer.logit(PROBE)));
        return probability >= 0 && probability <= 1; // false for NaN too
    }

    /** The thresholds this model's training run chose from its validation data. */
    public AbuseThresholds trainedThresholds() {
        return scorer.model().thresholds();
    }

    /**
     * Trains a model on the data sets under {@code dataDir} (the layout of {@code shared/data/toxicity})
     * and writes it to {@code out}. The same data, seed and held-out set always give the same bytes.
     * {@code heldOut} names data sets to leave out of training (to measure how the model does on a
     * source it has never seen). Takes a few minutes on 2 cores and up to 2 GB of heap (run it with
     * {@code PARLEY_JAVA_OPTS=-Xmx2g}); progress goes to {@code log}.
     */
    public static void train(Path dataDir, Path out, int seed, Set<String> heldOut, PrintStream log) {
        Set<String> heldOutSets = heldOut.stream().map(name -> Source.named(name).dataSet()).collect(Collectors.toSet());
        Set<Source> excluded = java.util.Arrays.stream(Source.values()).filter(s -> heldOutSets.contains(s.dataSet()))
                .collect(Collectors.toSet());
        List<Example> all = DataSets.load(dataDir);
        List<Example> training = all.stream()
                .filter(e -> e.split() == Split.TRAIN && !excluded.contains(e.source())).toList();
        log.printf(Locale.ROOT, "training on %d examples from %s%n", training.size(),
                training.stream().map(e -> e.source().folder()).distinct().toList());
        long started = System.nanoTime();
        Model model = new Trainer(Trainer.Settings.DEFAULT).train(training, seed);
        log.printf(Locale.ROOT, "fitted in %.1f s%n", (System.nanoTime() - started) / 1e9);
        var validation = Evaluation.score(new Scorer(model), all.stream()
                .filter(e -> e.split() == Split.VALIDATION && !excluded.contains(e.source())).toList());
        AbuseThresholds chosen = Evaluation.choose(validation.values().stream().map(m -> m.get(Split.VALIDATION)).toList());
        log.printf(Locale.ROOT, "thresholds from validation: low %.2f, flag %.2f, hold %.2f%n", chosen.low(), chosen.flag(), chosen.hold());
        byte[] bytes = ModelFile.write(model.withThresholds(chosen));
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("writing abuse model " + out, e);
        }
        log.printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, bytes.length);
    }

    /**
     * Measures this model on the validation and test splits of every data set under {@code dataDir}:
     * ROC AUC and macro-F1 at the model's trained flag threshold (and at each data set's own best line).
     */
    public List<SplitMetrics> evaluate(Path dataDir) {
        Map<Source, Map<Split, Evaluation.Scored>> scored = Evaluation.score(scorer, DataSets.load(dataDir).stream()
                .filter(e -> e.split() != Split.TRAIN).toList());
        return Evaluation.metrics(scored, trainedThresholds().flag());
    }

    /** Scores many texts in order, without explanations (the {@code model score} command). */
    public double[] probabilities(Collection<String> texts) {
        return texts.stream().mapToDouble(text -> 1 / (1 + Math.exp(-scorer.logit(text)))).toArray();
    }
}
