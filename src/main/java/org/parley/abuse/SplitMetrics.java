package org.parley.abuse;

/**
 * How the model does on one split of one data set: ROC AUC, and macro-F1 (the mean of the F1 of the
 * abusive and of the non-abusive class) at {@code threshold}, the model's flag line. Because data sets
 * differ in what they call abusive, {@code sourceThreshold} is the line that maximizes macro-F1 on this
 * data set's own validation split (what a site tuning its own line would pick), with the macro-F1 it
 * gives here.
 */
public record SplitMetrics(String dataSet, String split, int examples, int abusive, double auc, double macroF1,
                           double threshold, double sourceThreshold, double macroF1AtSourceThreshold) {
}
