package org.parley.abuse;

/**
 * How the model does on texts of {@code fromChars} to {@code toChars} (exclusive) characters, over every
 * test split: ROC AUC, and the shares of clean and of abusive texts at or above the flag line.
 */
public record LengthMetrics(int fromChars, int toChars, int examples, int abusive, double auc, double cleanFlagged,
                            double abusiveFlagged) {
}
