package org.parley.abuse;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
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

    static Model calibrate(Model model, ToDoubleFunction<String> logit, List<Example> validation, PrintStream log, String name) {
        Model shifted = model;
        AbuseThresholds chosen = thresholds(logit, validation);
        // The lines are chosen on a grid of probabilities, which a shift moves: a second round lands the flag line on 0.50.
        for (int round = 0; round < ROUNDS && chosen.flag() != 0.5; round++) {
            double shift = Math.log(chosen.flag() / (1 - chosen.flag()));
            shifted = new Model(model.features(), (float) (shifted.bias() - shift), model.quantizedWeights(), model.scales(),
                    model.thresholds());
            chosen = thresholds(new Assessor(shifted, null, null)::logit, validation);
        }
        log.printf(Locale.ROOT, "%s: intercept %+.3f; lines from validation: low %.2f, flag %.2f, hold %.2f%n", name,
                shifted.bias(), chosen.low(), chosen.flag(), chosen.hold());
        return shifted.withThresholds(chosen);
    }

    static Ensemble calibrate(Ensemble ensemble, Function<Ensemble, ToDoubleFunction<String>> logit, List<Example> validation,
                              PrintStream log) {
        Ensemble shifted = ensemble;
        AbuseThresholds chosen = thresholds(logit.apply(ensemble), validation);
        for (int round = 0; round < ROUNDS && chosen.flag() != 0.5; round++) {
            double shift = Math.log(chosen.flag() / (1 - chosen.flag()));
            shifted = shifted.withBias((float) (shifted.bias() - shift));
            chosen = thresholds(logit.apply(shifted), validation);
        }
        log.printf(Locale.ROOT, "with the encoder: intercept %+.3f; lines from validation: low %.2f, flag %.2f, hold %.2f%n",
                shifted.bias(), chosen.low(), chosen.flag(), chosen.hold());
        return shifted.withThresholds(chosen);
    }

    private static AbuseThresholds thresholds(ToDoubleFunction<String> logit, List<Example> validation) {
        return Evaluation.choose(Evaluation.score(logit, validation).values().stream().map(m -> m.get(Split.VALIDATION)).toList());
    }
}
