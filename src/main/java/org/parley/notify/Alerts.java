package org.parley.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.parley.comments.Comments;
import org.parley.mail.EmailAddress;
import org.parley.mail.Mail;
import org.parley.mail.MailTemplate;
import org.parley.mail.OutgoingMail;
import org.parley.moderation.Moderation;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.store.Database;

/**
 * Alerts to moderators when readers' reports and flagged comments on a site pile up: at {@link #THRESHOLD} in the last
 * hour, each staff member who moderates the site and gave an alert address gets one email, at most one per site and
 * clock hour across all nodes.
 */
final class Alerts {

    /** Reports and flagged or held comments in an hour that call for a moderator now. */
    static final int THRESHOLD = 10;

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final Staff staff;
    private final Moderation moderation;
    private final Comments comments;
    private final Mail mail;
    private final String publicUrl;
    private final NotifyRepository repository;

    Alerts(Database db, Clock clock, Sites sites, Staff staff, Moderation moderation, Comments comments, Mail mail, String publicUrl,
           NotifyRepository repository) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.staff = staff;
        this.moderation = moderation;
        this.comments = comments;
        this.mail = mail;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.repository = repository;
    }

    /** Sends the alerts due now; returns how many emails were queued. */
    int send() {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(1));
        Map<SiteId, Integer> reports = moderation.openReportsSince(since);
        Map<SiteId, Integer> flags = comments.awaitingReviewSince(since);
        Map<SiteId, Integer> total = new HashMap<>(reports);
        flags.forEach((site, n) -> total.merge(site, n, Integer::sum));
        int queued = 0;
        for (Map.Entry<SiteId, Integer> busy : total.entrySet()) {
            if (busy.getValue() < THRESHOLD) {
                continue;
            }
            SiteId id = busy.getKey();
            Site site = sites.require(id.value());
            var recipients = staff.alertRecipients(id);
            Instant window = now.truncatedTo(ChronoUnit.HOURS);
            queued += db.write(h -> {
                if (!repository.claimAlert(h, id, window, now)) {
                    return 0;
                }
                int n = 0;
                for (var recipient : recipients) {
                    if (EmailAddress.isValid(recipient.getValue())) {
                        mail.enqueue(h, new OutgoingMail(new EmailAddress(recipient.getValue()), MailTemplate.MODERATOR_ALERT, Map.of(
                                "siteName", site.name(), "reportCount", String.valueOf(reports.getOrDefault(id, 0)),
                                "flagCount", String.valueOf(flags.getOrDefault(id, 0)), "queueUrl", publicUrl + "/admin/queue?site=" + id)));
                        n++;
                    }
                }
                return n;
            });
        }
        return queued;
    }
}
