package org.parley.abuse;

/**
 * Where a site draws its lines on the abuse probability, each in [0, 1] and in increasing order. A
 * comment at or above {@code flag} goes to the moderators' flagged queue with its explanation; at or
 * above {@code hold} it is held for pre-moderation; at or above {@code low} it is merely marked as a weak
 * signal (shown to moderators, no action).
 */
public record AbuseThresholds(double low, double flag, double hold) {

    /**
     * Low: about nine in ten abusive validation comments score at least this; a weak hint, never acted on
     * alone.
     */
    public static final double DEFAULT_LOW = 0.26;
    /** Flag: the line that gave the best macro-F1 across the validation splits of all sources. */
    public static final double DEFAULT_FLAG = 0.50;
    /** Hold: about nine in ten validation comments at or above it are abusive (source-balanced precision 0.9). */
    public static final double DEFAULT_HOLD = 0.73;

    /** The defaults above, chosen from the validation data of the shipped model (see docs/MODEL.md). */
    public static final AbuseThresholds DEFAULTS = new AbuseThresholds(DEFAULT_LOW, DEFAULT_FLAG, DEFAULT_HOLD);

    public AbuseThresholds {
        if (!(0 <= low && low <= flag && flag <= hold && hold <= 1)) {
            throw new IllegalArgumentException("abuse thresholds must satisfy 0 <= low <= flag <= hold <= 1, were "
                    + low + ", " + flag + ", " + hold);
        }
    }

    /** The level a probability reaches under these thresholds. */
    public AbuseLevel level(double probability) {
        if (probability >= hold) {
            return AbuseLevel.HOLD;
        }
        if (probability >= flag) {
            return AbuseLevel.FLAG;
        }
        return probability >= low ? AbuseLevel.LOW : AbuseLevel.NONE;
    }
}
