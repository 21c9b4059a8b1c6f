package org.parley.mail;

import io.helidon.webserver.http.HttpService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.store.Database;
import org.parley.store.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail feature's door: features enqueue emails here, inside their own write transaction, and a
 * background sender delivers them after commit (see the package description). With no SMTP server
 * configured, email is off: {@link #enabled} says so, enqueueing stores nothing, and nothing fails.
 * Thread-safe; close it once at shutdown.
 */
public final class Mail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mail.class);
    private static final String ADDRESS_SECRET = "address-hash";
    private static final String TOKEN_SECRET = "unsubscribe-token";
    static final String UNSUBSCRIBE_PATH = "/api/v1/mail/unsubscribe";

    private final Database db;
    private final Clock clock;
    private final MailConfig config;
    private final String publicUrl;
    private final Templates templates;
    private final MailKeys keys;
    private final OutboxRepository outbox;
    private final OptOutRepository optOuts = new OptOutRepository();
    private final Optional<Sender> sender;
    private final Jobs jobs;

    private Mail(Database db, Clock clock, MailConfig config, String publicUrl) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.templates = new Templates(config.templatesDir());
        this.keys = new MailKeys(secret(ADDRESS_SECRET), secret(TOKEN_SECRET));
        this.outbox = new OutboxRepository(db.vendor());
        this.jobs = Jobs.create(db, clock);
        // Pruning runs with email off too: what an earlier configuration sent still ages out.
        jobs.schedule("prune-sent-mail", Duration.ofHours(1), Duration.ofMinutes(10), this::prune);
        // Threads last, once nothing else here can fail and leave them running.
        this.sender = config.smtp().map(server -> new Sender(db, clock, outbox, server, config.maxAttempts(), new SecureRandom()));
        jobs.start(Duration.ofMinutes(2));
        if (config.smtp().isPresent()) {
            LOG.info("email on, through {}", config.smtp().get());
        } else {
            LOG.info("email off: no SMTP host configured (mail.smtpHost)");
        }
    }

    /**
     * Email for the Parley served at {@code publicUrl} (the base of unsubscribe links). Checks every template
     * and, when {@code config} names an SMTP server, starts the sender. Makes the installation's mail secrets
     * the first time.
     *
     * @throws IllegalArgumentException naming a template file that is missing a part, or uses a placeholder
     *                                  its email does not have
     */
    public static Mail create(Database db, Clock clock, MailConfig config, String publicUrl) {
        return new Mail(db, clock, config, publicUrl);
    }

    /** Whether Parley sends email at all (an SMTP host is configured). Callers may skip preparing emails when not. */
    public boolean enabled() {
        return sender.isPresent();
    }

    /**
     * Queues {@code mail} in the caller's transaction {@code h}: it is sent if and only if that transaction
     * commits, never before, by the sender (woken at commit). Renders the templates now, so a mistake in the
     * values fails the caller's write rather than a later send.
     *
     * @return {@code Queued} with its id; {@code OptedOut} when the recipient unsubscribed from the email's
     *         category (nothing stored); {@code MailOff} when email is off (nothing stored)
     * @throws IllegalArgumentException when a {@code …Url} value is not an absolute http(s) URL
     */
    public EnqueueOutcome enqueue(Handle h, OutgoingMail mail) {
        if (!enabled()) {
            return new EnqueueOutcome.MailOff();
        }
        String hash = keys.addressHash(mail.to());
        MailCategory category = mail.category();
        if (category.unsubscribable() && optOuts.exists(h, hash, category)) {
            LOG.debug("not queueing {} to {}: opted out of {}", mail.template().file(), keys.forLog(mail.to()), category.slug());
            return new EnqueueOutcome.OptedOut(category);
        }
        Instant now = clock.instant();
        Optional<String> unsubscribe = category.unsubscribable()
                ? Optional.of(publicUrl + UNSUBSCRIBE_PATH + "?token=" + keys.token(hash, category, now))
                : Optional.empty();
        Templates.Rendered rendered = templates.render(mail, unsubscribe);
        MailId id = new MailId(db.ids().next("m", now.toEpochMilli()));
        outbox.insert(h, id, mail, hash, rendered, unsubscribe, now);
        sender.ifPresent(s -> db.afterCommit(s::wake));
        return new EnqueueOutcome.Queued(id);
    }

    /** {@link #enqueue(Handle, OutgoingMail)} in a write of its own (or the calling thread's open write). */
    public EnqueueOutcome enqueue(OutgoingMail mail) {
        return db.write(h -> enqueue(h, mail));
    }

    /** Whether {@code to} unsubscribed from {@code category} (never true for a category one cannot leave). */
    public boolean optedOut(EmailAddress to, MailCategory category) {
        return category.unsubscribable() && db.read(h -> optOuts.exists(h, keys.addressHash(to), category));
    }

    /** What became of a queued email, while the outbox keeps it ({@link MailConfig#retention} after it finished). */
    public Optional<MailStatus> status(MailId id) {
        return db.read(h -> outbox.status(h, id));
    }

    /**
     * Sends every email that is due, on the calling thread, and returns how many were tried; the background
     * sender does this by itself, so this is for tools and tests. Nothing when email is off.
     */
    public int sendDue() {
        return sender.map(Sender::sendDue).orElse(0);
    }

    /** {@code GET} and {@code POST /mail/unsubscribe}, to mount under {@code /api/v1}. */
    public HttpService routes() {
        return new MailRoutes(this);
    }

    /** The category a valid unsubscribe token names; a 4xx problem saying what is wrong with any other. */
    MailCategory checkUnsubscribe(String token) {
        return keys.verify(token, clock.instant()).category();
    }

    /** Records the opt-out a valid token asks for (again is fine); a 4xx problem for any other token. */
    MailCategory unsubscribe(String token) {
        MailKeys.Unsubscribe request = keys.verify(token, clock.instant());
        boolean added = db.write(h -> optOuts.insert(h, request.addressHash(), request.category(), clock.instant()));
        if (added) {
            LOG.info("address {}… unsubscribed from {}", request.addressHash().substring(0, 8), request.category().slug());
        }
        return request.category();
    }

    /** Deletes sent and failed emails older than the retention; returns how many. */
    int prune() {
        int deleted = db.write(h -> outbox.prune(h, clock.instant().minus(config.retention())));
        if (deleted > 0) {
            LOG.info("deleted {} finished emails older than {} days", deleted, config.retention().toDays());
        }
        return deleted;
    }

    private String secret(String name) {
        MailSecretRepository secrets = new MailSecretRepository();
        return db.write(h -> {
            secrets.insertIfAbsent(h, name, db.ids().secret(), clock.instant());
            return secrets.find(h, name).orElseThrow();
        });
    }

    /** Stops the sender (a send in progress may finish) and the pruning. */
    @Override
    public void close() {
        jobs.close();
        sender.ifPresent(Sender::close);
    }
}
