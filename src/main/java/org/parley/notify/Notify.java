package org.parley.notify;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.parley.comments.CommentEvent;
import org.parley.comments.CommentId;
import org.parley.comments.CommentStatus;
import org.parley.comments.Comments;
import org.parley.comments.PageKey;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.live.EventBus;
import org.parley.mail.Mail;
import org.parley.moderation.Moderation;
import org.parley.moderation.ModerationEvent;
import org.parley.staff.Staff;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.SharedCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify feature's door: readers' email settings, muted threads, and the emails that follow from what happens to
 * their comments. Events are handled on a background thread of this feature's own, so a post never waits for email.
 * Thread-safe.
 */
public final class Notify implements AutoCloseable {

    /** How long told replies are remembered (so a reply is told once however many nodes hear of it). */
    static final Duration REMEMBERED = Duration.ofDays(7);
    /** Threads one reader may mute: far more than anyone follows, few enough that no one fills a table. */
    static final int MOST_MUTES = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(Notify.class);

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final Identity identity;
    private final NotifyRepository repository = new NotifyRepository();
    private final Tellings tellings;
    /** Whether any reader wants reply emails: asked on every new reply, so kept, and dropped on every node when one changes. */
    private final SharedCache<Boolean> replyReaders;
    private static final String ANY = "any";
    private final Alerts alerts;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("parley-notify").factory());

    private Notify(Database db, Clock clock, EventBus bus, Sites sites, Identity identity, Comments comments, Mail mail, Staff staff,
                   Moderation moderation, String publicUrl) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.identity = identity;
        this.tellings = new Tellings(db, clock, sites, identity, comments, mail, repository);
        this.replyReaders = db.caches().cache("reply-readers", 1, (h, key) -> repository.anyWantsReplies(h));
        this.alerts = new Alerts(db, clock, sites, staff, moderation, comments, mail, publicUrl, repository);
        bus.subscribe(CommentEvent.CommentPosted.class, posted -> {
            // Only a published reply can be told, and only when some reader asked to hear of replies.
            if (posted.parentId() != null && (posted.status() == null || posted.status() == CommentStatus.PUBLISHED)
                    && replyReaders.get(ANY)) {
                later(() -> tellings.published(posted.commentId()));
            }
        });
        bus.subscribe(ModerationEvent.ModeratorActed.class, acted -> later(() -> {
            if (acted.entry().action().equals("approve") && CommentId.isValid(acted.entry().targetId())) {
                tellings.published(new CommentId(acted.entry().targetId()));
            }
            tellings.rejected(acted.entry());
        }));
    }

    /**
     * Notifications for the comments of {@code comments}, emailed through {@code mail}, hearing of changes on {@code bus};
     * alerts go to {@code staff} with links to the dashboard at {@code publicUrl}.
     */
    public static Notify create(Database db, Clock clock, EventBus bus, Sites sites, Identity identity, Comments comments, Mail mail,
                                Staff staff, Moderation moderation, String publicUrl) {
        return new Notify(db, clock, bus, sites, identity, comments, mail, staff, moderation, publicUrl);
    }

    private void later(Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("an email about a comment could not be queued", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("notifications are stopping; an event arrived too late to be told");
        }
    }

    /** What {@code reader} wants to hear about; nothing until they say. */
    public NotifySettings settings(ReaderId reader) {
        return db.read(h -> repository.settings(h, reader)).orElse(NotifySettings.NONE);
    }

    /** Changes what a signed-in reader with a verified address hears about; 403 for others, who get no email. */
    public NotifySettings save(ReaderId reader, NotifySettings settings) {
        requireReachable(reader);
        db.write(h -> {
            repository.save(h, reader, settings, clock.instant());
            replyReaders.changed(ANY);
            return null;
        });
        return settings;
    }

    /** Mutes (or unmutes) reply emails from one thread for {@code reader}. */
    public void mute(ReaderId reader, SiteId site, PageKey page, boolean muted) {
        sites.require(site.value());
        requireReachable(reader);
        db.write(h -> {
            if (muted && repository.mutes(h, reader) >= MOST_MUTES) {
                throw new ParleyException.Conflict(NotifyProblem.TOO_MANY_MUTES,
                        "You muted " + MOST_MUTES + " threads already; unmute some first.");
            }
            repository.mute(h, reader, site, page.value(), muted);
            return null;
        });
    }

    private void requireReachable(ReaderId reader) {
        if (identity.account(reader).filter(a -> a.emailVerified() && a.email().isPresent()).isEmpty()) {
            throw new ParleyException.Forbidden(NotifyProblem.NO_VERIFIED_EMAIL,
                    "Only a signed-in reader with a verified email address can get emails; sign in with one first.");
        }
    }

    /** Emails each reader who asked for a daily digest the replies waiting for it; returns how many emails. */
    public int sendDigests() {
        return tellings.digests();
    }

    /**
     * Emails the moderators of each site where reports and flagged comments reached the alert line in the last hour
     * (once per site and hour, across nodes); returns how many emails were queued.
     */
    public int alertModerators() {
        return alerts.send();
    }

    /** Forgets replies told more than a week ago. */
    public int forgetOld() {
        return db.write(h -> repository.forgetBefore(h, clock.instant().minus(REMEMBERED)));
    }

    /** Forgets everything about {@code reader}'s notifications (they left). */
    public void forget(ReaderId reader) {
        db.write(h -> {
            repository.forgetReader(h, reader);
            return null;
        });
    }

    /** Routes for a reader's email settings, to mount under {@code /api/v1}. */
    public HttpService routes() {
        return new NotifyRoutes(this, sites, identity);
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}
