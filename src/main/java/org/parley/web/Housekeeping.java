package org.parley.web;

import java.time.Clock;
import java.time.Duration;
import org.parley.comments.Comments;
import org.parley.identity.Identity;
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
 * and flags pile up are alerted.
 */
final class Housekeeping implements AutoCloseable {

    static final Duration EVERY = Duration.ofHours(1);
    /** Long enough for a reader to finish the comment they attached an image to. */
    static final Duration UNUSED_IMAGE_GRACE = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final Jobs jobs;

    Housekeeping(Database db, Clock clock, Comments comments, Identity identity, Logins logins, Notify notify) {
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
        jobs.start(Duration.ofMinutes(1));
    }

    @Override
    public void close() {
        jobs.close();
    }
}
