package org.parley.web;

import java.time.Clock;
import java.time.Duration;
import org.parley.comments.Comments;
import org.parley.identity.Identity;
import org.parley.imports.Imports;
import org.parley.imports.ScreeningRun;
import org.parley.sites.Sites;
import org.parley.notify.Notify;
import org.parley.logins.Logins;
import org.parley.store.Database;
import org.parley.store.Jobs;
import org.parley.store.TokenBuckets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chores a running Parley does on its own, once across all nodes ({@link Jobs}): every hour, images that no
 * comment shows and that were uploaded over a day ago leave storage (uploads whose comment was never
 * posted; removals by moderators and authors free their images at once), and the database refreshes its
 * query planner's statistics as tables grow (see {@link Database#optimize}); every ten minutes, shared
 * allowances that are full again are deleted; every hour, ended reader sessions, used sign-in tokens that have
 * expired, OpenID sign-ins never finished and readers' traces older than identity.traceDays are forgotten; once a
 * day, readers who asked for it get their digest of replies; every five minutes, moderators of a site where reports
 * and flags pile up are alerted; every minute, comments an import brought in and screening has not judged yet are
 * screened, for up to {@link #SCREENING_BUDGET} a run (the queue survives restarts, so a stopped run resumes).
 */
final class Housekeeping implements AutoCloseable {

    static final Duration EVERY = Duration.ofHours(1);
    /** Long enough for a reader to finish the comment they attached an image to. */
    static final Duration UNUSED_IMAGE_GRACE = Duration.ofDays(1);
    /** How long one run of screening imported comments may take (then the next check continues it). */
    static final Duration SCREENING_BUDGET = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final Jobs jobs;

    Housekeeping(Database db, Clock clock, Sites sites, Comments comments, Identity identity, ReaderServices readers,
                 ModerationServices judges) {
        Logins logins = readers.logins();
        Notify notify = readers.notices();
        jobs = Jobs.create(db, clock);
        jobs.schedule("sweep-unused-images", EVERY, Duration.ofMinutes(30), () -> {
            int deleted = comments.sweepImages(UNUSED_IMAGE_GRACE);
            if (deleted > 0) {
                LOG.info("deleted {} images no comment shows", deleted);
            }
        });
        jobs.schedule("refresh-planner-statistics", EVERY, Duration.ofMinutes(30), db::optimize);
        jobs.schedule("forget-full-allowances", Duration.ofMinutes(10), Duration.ofMinutes(5),
                () -> TokenBuckets.forgetFull(db, clock));
        jobs.schedule("forget-ended-sign-ins", EVERY, Duration.ofMinutes(10), () -> {
            identity.pruneSessions();
            identity.forgetOldTraces();
            logins.forgetExpiredTokens();
        });
        jobs.schedule("moderator-alerts", Duration.ofMinutes(5), Duration.ofMinutes(2), notify::alertModerators);
        jobs.schedule("reply-digests", Duration.ofDays(1), Duration.ofMinutes(30), () -> {
            notify.sendDigests();
            notify.forgetOld();
        });
        Imports imports = Imports.create(db, clock, sites, identity, comments, judges.moderation());
        // Every check (each minute) while imported comments wait; a run stops after its budget so the chores after it
        // wait at most that long on this node.
        jobs.schedule("screen-imported-comments", Duration.ZERO, SCREENING_BUDGET.multipliedBy(5), () -> {
            ScreeningRun run = imports.screenImported(judges.screening()::screenImported, SCREENING_BUDGET);
            if (run.screened() > 0) {
                LOG.info("screened {} imported comments ({} flagged, {} held) at {}/s; {} wait", run.screened(), run.flagged(),
                        run.held(), Math.round(run.perSecond()), run.waiting());
            }
        });
        jobs.start(Duration.ofMinutes(1));
    }

    @Override
    public void close() {
        jobs.close();
    }
}
