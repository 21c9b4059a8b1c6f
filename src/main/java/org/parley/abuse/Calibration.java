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

    private Calibration() {
    }

    static Model calibrate(Model model, ToDoubleFunction<String> logit, List<Example> validation, PrintStream log, String name) {
        double shift = shift(logit, validation);
        Model shifted = new Model(model.features(), (float) (model.bias() - shift), model.quantizedWeights(), model.scales(),
                model.thresholds());
        AbuseThresholds chosen = thresholds(new Assessor(shifted, null, null)::logit, validation);
        log.printf(Locale.ROOT, "%s: intercept %+.3f; lines from validation: low %.2f, flag %.2f, hold %.2f%n", name, -shift,
                chosen.low(), chosen.flag(), chosen.hold());
        return shifted.withThresholds(chosen);
    }

    static Ensemble calibrate(Ensemble ensemble, Function<Ensemble, ToDoubleFunction<String>> logit, List<Example> validation,
                              PrintStream log) {
        double shift = shift(logit.apply(ensemble), validation);
        Ensemble shifted = ensemble.withBias((float) (ensemble.bias() - shift));
        AbuseThresholds chosen = thresholds(logit.apply(shifted), validation);
        log.printf(Locale.ROOT, "with the encoder: intercept %+.3f; lines from validation: low %.2f, flag %.2f, hold %.2f%n",
                shifted.bias(), chosen.low(), chosen.flag(), chosen.hold());
        return shifted.withThresholds(chosen);
    }

    /** The log-odds of the flag line the validation data choose (0 when it already is 0.5). */
    private static double shift(ToDoubleFunction<String> logit, List<Example> validation) {
        double flag = thresholds(logit, validation).flag();
        return Math.log(flag / (1 - flag));
    }

    private static AbuseThresholds thresholds(ToDoubleFunction<String> logit, List<Example> validation) {
        return Evaluation.choose(Evaluation.score(logit, validation).values().stream().map(m -> m.get(Split.VALIDATION)).toList());
    }
}
