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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
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
public final class Abuse implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Abuse.class);
    /** Where the shipped model lives on the class path. */
    static final String RESOURCE = "abuse/model.bin";
    /** What {@link #modelLoaded} scores: any text would do. */
    private static final String PROBE = "Is the model loaded?";

    /**
     * The models once the encoder's session is up. It is created on a thread of its own, so a server answers
     * its first requests while the encoder loads (about half a second); the first assessment waits for it.
     */
    private final CompletableFuture<Loaded> loaded;

    /** The scorer, why the fast model scores alone (if it does), and the encoder to close (null without one). */
    private record Loaded(Assessor assessor, Optional<String> fastOnlyBecause, EncoderPool pool) {
    }

    private Abuse(ModelFile.Contents model, boolean encoder) {
        if (model.ensemble() == null) {
            loaded = CompletableFuture.completedFuture(fastOnly(model, "this model was trained without the sentence encoder"));
        } else if (!encoder) {
            loaded = CompletableFuture.completedFuture(fastOnly(model, "the sentence encoder is turned off (abuse.encoder=off)"));
        } else {
            loaded = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("parley-encoder-load").start(() -> {
                try {
                    loaded.complete(withEncoder(model));
                } catch (Throwable e) { // whatever happens, nobody may wait for ever
                    loaded.completeExceptionally(e);
                }
            });
        }
    }

    private static Loaded withEncoder(ModelFile.Contents model) {
        EncoderPool pool;
        try {
            pool = new EncoderPool(SentenceEncoder.load(1), Math.max(1, Runtime.getRuntime().availableProcessors()));
        } catch (EncoderUnavailableException e) {
            return fastOnly(model, e.getMessage());
        }
        try {
            pool.embed("warm up"); // the session's first run sets up its kernels: not on a reader's comment
        } catch (RuntimeException e) {
            pool.close();
            return fastOnly(model, "the sentence encoder failed its first run: " + e.getMessage());
        }
        return new Loaded(new Assessor(model.fast(), model.ensemble(), pool::embed), Optional.empty(), pool);
    }

    private static Loaded fastOnly(ModelFile.Contents model, String why) {
        LOG.warn("abuse model: the fast model alone scores comments: {}", why);
        return new Loaded(new Assessor(model.fast(), null, null), Optional.of(why), null);
    }

    /**
     * The model shipped in the Parley jar, with the sentence encoder when it runs on this platform (else
     * the fast model alone, said in the log and by {@link #fastOnlyBecause}). Returns at once: the encoder
     * loads in the background in about half a second, and the first assessment waits for it. Close it to free
     * the encoder (about 100 MB outside the Java heap, and its threads). Fails if the jar has no model or it
     * is damaged.
     */
    public static Abuse create() {
        return new Abuse(readShipped(), true);
    }

    /** The shipped model scored by the fast model alone (for a machine that should not run the encoder). */
    public static Abuse createFastOnly() {
        return new Abuse(readShipped(), false);
    }

    private static ModelFile.Contents readShipped() {
        try (InputStream in = Abuse.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " in the Parley jar");
            }
            return ModelFile.read(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** Loads a model written by {@link #train}. Fails naming the file if it is missing or not a model. */
    public static Abuse create(Path modelFile) {
        return create(modelFile, true);
    }

    /** As {@link #create(Path)}; {@code encoder} false scores with the fast model alone. */
    public static Abuse create(Path modelFile, boolean encoder) {
        try (InputStream in = Files.newInputStream(modelFile)) {
            return new Abuse(ModelFile.read(in, modelFile.toString()), encoder);
        } catch (IOException e) {
            throw new UncheckedIOException("reading abuse model " + modelFile, e);
        }
    }

    /**
     * How likely {@code text} is abusive, with the words and phrases that pushed the score up (offsets
     * into {@code text} itself). Any text is accepted; an empty one scores the model's base rate.
     */
    public AbuseAssessment assess(String text) {
        return assessor().assess(text);
    }

    /** The scorer, once the encoder has loaded (or failed to). */
    private Assessor assessor() {
        return loaded.join().assessor();
    }

    /** Frees the encoder's session and threads; assessing afterwards fails. */
    @Override
    public void close() {
        // A load that failed left nothing open (and its failure reached whoever asked for an assessment).
        EncoderPool pool = loaded.handle((done, failure) -> done == null ? null : done.pool()).join();
        if (pool != null) {
            pool.close();
        }
    }

    /** Why the fast model alone scores comments here (the encoder is off or cannot run), if it does. */
    public Optional<String> fastOnlyBecause() {
        return loaded.join().fastOnlyBecause();
    }

    /**
     * True when a model is loaded and answers: a short probe text gets a probability. Costs one scoring
     * of a short text (a few milliseconds with the encoder), so a health check may ask every time it runs.
     */
    public boolean modelLoaded() {
        double probability = 1 / (1 + Math.exp(-assessor().logit(PROBE)));
        return probability >= 0 && probability <= 1; // false for NaN too
    }

    /** The thresholds this model's training run chose from its validation data (for the models in use). */
    public AbuseThresholds trainedThresholds() {
        return assessor().thresholds();
    }

    /**
     * Trains a model on the data sets under {@code dataDir} (the layout of {@code shared/data/toxicity})
     * and writes it to {@code out}. The same data, seed and held-out set always give the same bytes.
     * {@code heldOut} names data sets to leave out of training (to measure how the model does on a
     * source it has never seen). The encoder's vectors of the training texts are kept in
     * {@code vectorCache} (a file outside the jar) for the next run. Without the encoder (it cannot run
     * here) only the fast model is trained, and the file says so. Takes 5-15 minutes on 2 cores and up to
     * 3 GB of heap (run it with {@code PARLEY_JAVA_OPTS=-Xmx3g}); progress goes to {@code log}.
     */
    public static void train(Path dataDir, Path out, Path vectorCache, int seed, Set<String> heldOut, PrintStream log) {
        Set<String> heldOutSets = heldOut.stream().map(name -> Source.named(name).dataSet()).collect(Collectors.toSet());
        Set<Source> excluded = java.util.Arrays.stream(Source.values()).filter(s -> heldOutSets.contains(s.dataSet()))
                .collect(Collectors.toSet());
        List<Example> all = DataSets.load(dataDir);
        List<Example> training = all.stream()
                .filter(e -> e.split() == Split.TRAIN && !excluded.contains(e.source())).toList();
        List<Example> validation = java.util.stream.Stream.concat(all.stream(), Augmentation.labelledComments().stream())
                .filter(e -> e.split() == Split.VALIDATION && !excluded.contains(e.source())).toList();
        log.printf(Locale.ROOT, "training on %d examples from %s%n", training.size(),
                training.stream().map(e -> e.source().folder()).distinct().toList());
        long started = System.nanoTime();
        Model model = new Trainer(Trainer.Settings.DEFAULT).train(training, seed);
        log.printf(Locale.ROOT, "fast model fitted in %.1f s%n", (System.nanoTime() - started) / 1e9);
        model = Calibration.calibrate(model, validation, log);
        Ensemble ensemble = null;
        try (SentenceEncoder encoder = SentenceEncoder.load(1)) {
            EmbeddingCache cache = EmbeddingCache.open(vectorCache);
            log.printf(Locale.ROOT, "%d encoder vectors cached in %s%n", cache.size(), vectorCache);
            Function<String, float[]> vectors = input -> cache.get(input, encoder::embed);
            started = System.nanoTime();
            try {
                Ensemble fitted = new EnsembleTrainer(vectors, log, seed).train(model, training, validation);
                Model fast = model;
                ensemble = Calibration.calibrate(fitted, e -> new Assessor(fast, e, vectors)::logit, validation, log);
            } finally {
                cache.save();
            }
            log.printf(Locale.ROOT, "encoder side fitted in %.1f s%n", (System.nanoTime() - started) / 1e9);
        } catch (EncoderUnavailableException e) {
            log.printf(Locale.ROOT, "no sentence encoder here (%s): the model has the fast part only%n", e.getMessage());
        }
        byte[] bytes = ModelFile.write(model, ensemble);
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
    public Report evaluate(Path dataDir) {
        Map<Source, Map<Split, Evaluation.Scored>> scored = Evaluation.score(assessor()::logit,
                java.util.stream.Stream.concat(DataSets.load(dataDir).stream(), Augmentation.labelledComments().stream())
                        .filter(e -> e.split() != Split.TRAIN).toList());
        double flag = trainedThresholds().flag();
        List<Example> all = DataSets.load(dataDir);
        long notEnglish = all.stream().map(Example::text).distinct().filter(t -> Language.guess(t) == Language.Guess.OTHER).count();
        long texts = all.stream().map(Example::text).distinct().count();
        return new Report(Evaluation.metrics(scored, flag), Evaluation.byLength(scored, flag), texts, notEnglish);
    }

    /**
     * What {@link #evaluate} measured: per data set split, over all test splits by length, and how many of
     * the data sets' distinct texts (all English data sets) the language guess calls another language.
     */
    public record Report(List<SplitMetrics> splits, List<LengthMetrics> byLength, long texts, long notEnglish) {
    }

    /** Scores many texts in order, without explanations (the {@code model score} command). */
    public double[] probabilities(Collection<String> texts) {
        return texts.parallelStream().mapToDouble(text -> 1 / (1 + Math.exp(-assessor().logit(text)))).toArray();
    }
}
