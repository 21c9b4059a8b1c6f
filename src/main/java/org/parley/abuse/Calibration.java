package org.parley.abuse;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.parley.abuse.Example.Split;

/**
 * Puts a trained model's flag line at probability 0.5 and chooses its other lines, all on validation
 * data: the intercept moves by the log-odds of the best flag line, so sites that keep the default
 * thresholds get the line the data chose, with the encoder and without it (the fast model alone uses
 * its own calibrated intercept and lines when the encoder cannot run).
 */
final class Calibration {

    /** At most this many shifts of the intercept. */
    private static final int ROUNDS = 3;

    private Calibration() {
    }

    static Model calibrate(Model fast, List<Example> validation, PrintStream log) {
        return calibrate(fast, Model::bias, Model::withBias, model -> new Assessor(model, null, null)::logit,
                Model::withThresholds, validation, log, "fast model");
    }

    static Ensemble calibrate(Ensemble ensemble, Function<Ensemble, ToDoubleFunction<String>> logit, List<Example> validation,
                              PrintStream log) {
        return calibrate(ensemble, Ensemble::bias, Ensemble::withBias, logit, Ensemble::withThresholds, validation, log,
                "with the encoder");
    }

    /** Shifts {@code part}'s intercept until the flag line is 0.50 (or {@link #ROUNDS} tries), then keeps the lines chosen. */
    private static <T> T calibrate(T part, Function<T, Float> bias, BiFunction<T, Float, T> withBias,
                                   Function<T, ToDoubleFunction<String>> logit, BiFunction<T, AbuseThresholds, T> withThresholds,
                                   List<Example> validation, PrintStream log, String name) {
        T shifted = part;
        AbuseThresholds chosen = thresholds(logit.apply(part), validation);
        // The lines are chosen on a grid of probabilities, which a shift moves: a second round lands the flag line on 0.50.
        for (int round = 0; round < ROUNDS && chosen.flag() != 0.5; round++) {
            double shift = Math.log(chosen.flag() / (1 - chosen.flag()));
            shifted = withBias.apply(shifted, (float) (bias.apply(shifted) - shift));
            chosen = thresholds(logit.apply(shifted), validation);
        }
        log.printf(Locale.ROOT, "%s: intercept %+.3f; lines from validation: low %.2f, flag %.2f, hold %.2f%n", name,
                bias.apply(shifted), chosen.low(), chosen.flag(), chosen.hold());
        return withThresholds.apply(shifted, chosen);
    }

    private static AbuseThresholds thresholds(ToDoubleFunction<String> logit, List<Example> validation) {
        return Evaluation.choose(Evaluation.score(logit, validation).values().stream().map(m -> m.get(Split.VALIDATION)).toList());
    }
}
