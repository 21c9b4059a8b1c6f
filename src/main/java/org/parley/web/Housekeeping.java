package org.parley.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.comments.Comments;
import org.parley.store.Database;

/**
 * Chores a running Parley does on its own: every hour, images that no comment shows and that were uploaded
 * over a day ago leave storage (uploads whose comment was never posted). Removals by moderators and
 * authors free their images at once; this catches the rest. Also hourly, the database refreshes its query
 * planner's statistics as tables grow.
 */
final class Housekeeping implements AutoCloseable {

    static final Duration EVERY = Duration.ofHours(1);
    /** Long enough for a reader to finish the comment they attached an image to. */
    static final Duration UNUSED_IMAGE_GRACE = Duration.ofDays(1);
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-housekeeping").daemon().factory());

    Housekeeping(Comments comments, Database db) {
        timer.scheduleWithFixedDelay(() -> sweep(comments), EVERY.toMinutes(), EVERY.toMinutes(), TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(() -> optimize(db), EVERY.toMinutes(), EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    private static void sweep(Comments comments) {
        try {
            int deleted = comments.sweepImages(UNUSED_IMAGE_GRACE);
            if (deleted > 0) {
                LOG.info(() -> "deleted " + deleted + " images no comment shows");
            }
        } catch (RuntimeException e) {
            // Next hour is another chance; a failed sweep must not stop the schedule.
            LOG.log(Level.WARNING, "sweeping unused images failed", e);
        }
    }

    /** SQLite plans a growing table well only with fresh statistics (see {@link Database#optimize}). */
    private static void optimize(Database db) {
        try {
            db.optimize();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refreshing the query planner's statistics failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
