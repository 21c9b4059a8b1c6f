package org.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.abuse.Abuse;
import org.parley.abuse.AbuseAssessment;
import org.parley.abuse.AbuseLevel;
import org.parley.abuse.AbuseThresholds;
import org.parley.abuse.LengthMetrics;
import org.parley.abuse.SplitMetrics;

/**
 * {@code parley model …}: train, measure and try the abuse model (see docs/MODEL.md). Each command
 * uses the model shipped in the jar unless {@code --model FILE} names another.
 */
final class ModelCommands {

    private ModelCommands() {
    }

    /** Runs {@code model train}, {@code model eval}, {@code model score} or {@code model check}; flags were checked. */
    static void run(Command command, Args args, PrintStream out, InputStream in) {
        switch (command.name()) {
            case "model train" -> Abuse.train(Path.of(args.required("data")), Path.of(args.required("out")),
                    args.flag("vectors").map(Path::of).orElseGet(ModelCommands::vectorCache),
                    (int) args.number(command.flag("seed"), 1), new LinkedHashSet<>(args.all("hold-out")), out);
            case "model eval" -> {
                try (Abuse abuse = model(args)) {
                    eval(abuse, Path.of(args.required("data")), out);
                }
            }
            case "model score" -> {
                try (Abuse abuse = model(args)) {
                    score(abuse, in, out);
                }
            }
            case "model check" -> check(args, out);
            default -> throw new IllegalArgumentException("not a model command: " + command.name());
        }
    }

    /** A cache, so outside the source tree and the jar: the user's cache directory. */
    private static Path vectorCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("parley").resolve("abuse-vectors.bin");
    }

    private static Abuse model(Args args) {
        String encoder = args.flag("encoder").orElse("on");
        if (!encoder.equals("on") && !encoder.equals("off")) {
            throw new Args.UsageException("--encoder takes on or off; was '" + encoder + "'");
        }
        boolean withEncoder = encoder.equals("on");
        return args.flag("model").map(Path::of).map(file -> Abuse.create(file, withEncoder))
                .orElseGet(() -> withEncoder ? Abuse.create() : Abuse.createFastOnly());
    }

    private static void eval(Abuse abuse, Path data, PrintStream out) {
        out.println(abuse.fastOnlyBecause().map(why -> "fast model alone: " + why).orElse("fast model and sentence encoder"));
        out.printf(Locale.ROOT, "%-13s %-10s %6s %7s %7s %9s %9s %10s %9s%n",
                "data set", "split", "n", "abusive", "ROC AUC", "macro-F1", "threshold", "own thresh", "macro-F1");
        Abuse.Report report = abuse.evaluate(data);
        for (SplitMetrics m : report.splits()) {
            out.printf(Locale.ROOT, "%-13s %-10s %6d %7d %7.3f %9.3f %9.2f %10.2f %9.3f%n", m.dataSet(), m.split(),
                    m.examples(), m.abusive(), m.auc(), m.macroF1(), m.threshold(), m.sourceThreshold(), m.macroF1AtSourceThreshold());
        }
        out.println("threshold: the model's flag line, chosen on all validation splits; own thresh: the line that is"
                + " best on that data set's own validation split");
        out.printf(Locale.ROOT, "%nall test splits by length:%n%-15s %6s %7s %7s %13s %15s%n", "characters", "n", "abusive", "ROC AUC",
                "clean flagged", "abusive flagged");
        for (LengthMetrics m : report.byLength()) {
            String range = m.toChars() == Integer.MAX_VALUE ? m.fromChars() + "+" : m.fromChars() + "-" + (m.toChars() - 1);
            out.printf(Locale.ROOT, "%-15s %6d %7d %7.3f %12.1f%% %14.1f%%%n", range, m.examples(), m.abusive(), m.auc(),
                    100 * m.cleanFlagged(), 100 * m.abusiveFlagged());
        }
        out.printf(Locale.ROOT, "%nnot English by the language guess (their scores marked unreliable): %d of %d distinct texts (%.2f%%)%n",
                report.notEnglish(), report.texts(), 100.0 * report.notEnglish() / Math.max(1, report.texts()));
    }

    private static void score(Abuse abuse, InputStream in, PrintStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> batch = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                batch.add(line);
                if (batch.size() == 1000) {
                    print(abuse.probabilities(batch), out);
                    batch.clear();
                }
            }
            print(abuse.probabilities(batch), out);
        } catch (IOException e) {
            throw new UncheckedIOException("reading texts from standard input", e);
        }
    }

    private static void print(double[] probabilities, PrintStream out) {
        for (double p : probabilities) {
            out.printf(Locale.ROOT, "%.4f%n", p);
        }
        out.flush();
    }

    private static void check(Args args, PrintStream out) {
        Path file = Path.of(args.required("thread"));
        Set<Integer> flagged = numbers(args, "flagged");
        Set<Integer> atMostLow = numbers(args, "at-most-low");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading thread capture " + file, e);
        }
        boolean shipped = args.flag("model").isEmpty();
        Abuse abuse = model(args);
        AbuseThresholds thresholds = shipped ? AbuseThresholds.DEFAULTS : abuse.trainedThresholds();
        ThreadCapture thread = ThreadCapture.parse(text);
        out.printf(Locale.ROOT, "%s%nthresholds: low %.2f, flag %.2f, hold %.2f%n", thread.title(),
                thresholds.low(), thresholds.flag(), thresholds.hold());
        List<String> failures = new ArrayList<>();
        for (ThreadCapture.Comment comment : thread.comments()) {
            AbuseAssessment assessment = abuse.assess(comment.body());
            AbuseLevel level = assessment.level(thresholds);
            out.printf(Locale.ROOT, "%2d  %-22s %.3f  %-4s  %s%n", comment.number(),
                    comment.name().isEmpty() ? "(no name)" : comment.name(), assessment.probability(), level,
                    assessment.spans().stream().map(s -> String.format(Locale.ROOT, "\"%s\" %+.2f", s.text().replace('\n', ' '), s.weight()))
                            .collect(Collectors.joining(", ")));
            boolean isFlagged = level.compareTo(AbuseLevel.FLAG) >= 0;
            if (!flagged.isEmpty() || !atMostLow.isEmpty()) {
                if (flagged.contains(comment.number()) && !isFlagged) {
                    failures.add(comment.number() + " should be flagged");
                } else if (!flagged.contains(comment.number()) && isFlagged) {
                    failures.add(comment.number() + " should not be flagged");
                } else if (atMostLow.contains(comment.number()) && level.compareTo(AbuseLevel.LOW) > 0) {
                    failures.add(comment.number() + " should be at most low");
                }
            }
        }
        if (!flagged.isEmpty() || !atMostLow.isEmpty()) {
            if (!failures.isEmpty()) {
                throw new IllegalStateException("thread check failed: " + String.join("; ", failures));
            }
            out.println("check passed: flagged " + flagged + ", at most low " + atMostLow + ", no other comment flagged");
        }
    }

    private static Set<Integer> numbers(Args args, String flag) {
        Set<Integer> numbers = new LinkedHashSet<>();
        for (String list : args.all(flag)) {
            for (String item : list.split(",")) {
                try {
                    numbers.add(Integer.parseInt(item.strip()));
                } catch (NumberFormatException e) {
                    throw new Args.UsageException("--" + flag + " takes comment numbers like 4,5; was '" + list + "'");
                }
            }
        }
        return numbers;
    }
}
