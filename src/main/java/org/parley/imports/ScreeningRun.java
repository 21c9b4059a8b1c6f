package org.parley.imports;

import java.time.Duration;

/**
 * What one run of screening imported comments did ({@link Imports#screenImported}).
 *
 * @param screened comments judged in this run
 * @param flagged  of those, left published and opened in the flagged queue
 * @param held     of those, taken out of public view until a moderator decides (only under the site's rule)
 * @param waiting  imported comments still waiting for screening after the run
 * @param took     how long the run took
 */
public record ScreeningRun(int screened, int flagged, int held, long waiting, Duration took) {

    /** Comments judged per second in this run; 0 when it judged none. */
    public double perSecond() {
        return screened == 0 ? 0 : screened / Math.max(took.toNanos() / 1e9, 1e-9);
    }
}
