package org.parley.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpService;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.comments.Comments;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;
import org.parley.live.EventBus;
import org.parley.moderation.Moderation;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.staff.StaffUser;
import org.parley.identity.ReaderId;
import org.parley.store.Database;
import org.parley.store.SharedCache;
import org.parley.store.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks feature's door: a site's endpoints, managed by its admins (admins and the site's
 * site-wide moderators), every change written to moderation's audit log in the same transaction; and
 * the sending of signed messages about comments, reports and sanctions to them, with retries and a
 * delivery log. Sending starts at {@link #start} and stops at {@link #close}. Thread-safe.
 */
public final class Webhooks implements AutoCloseable {

    static final int MAX_ENDPOINTS_PER_SITE = 20;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_LOG_ROWS = 200;
    /** After a rotation the old secret signs too, for a day, so receivers can switch without losing messages. */
    static final Duration ROTATION_GRACE = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final Staff staff;
    private final Moderation moderation;
    private final TargetGuard guard;
    private final Signer signer = new Signer();
    private final Payloads payloads = new Payloads();
    private final EndpointRepository endpoints = new EndpointRepository();
    private final MessageRepository messages = new MessageRepository();
    private final Dispatcher dispatcher;
    private final EventIntake intake;
    private final SharedCache<Boolean> anyEnabled;
    private static final String ANY = "any";
    private final Jobs jobs;
    private final Duration pollEvery;

    private Webhooks(Database db, Clock clock, EventBus bus, Sites sites, Staff staff, Comments comments, Moderation moderation,
                     WebhooksConfig config) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.staff = staff;
        this.moderation = moderation;
        this.guard = new TargetGuard(config.allowPrivateTargets());
        this.dispatcher = new Dispatcher(db, clock, endpoints, messages, signer, guard, new Courier(config.timeout()),
                new Backoff(config.maxAttempts(), new SecureRandom()), config.timeout());
        // Every post asks whether any endpoint listens: kept in memory, dropped on every node when endpoints change.
        this.anyEnabled = db.caches().cache("webhook-endpoints", 1, (h, key) -> endpoints.anyEnabled(h));
        this.intake = new EventIntake(db, bus, comments, endpoints, messages, payloads, dispatcher::wake, () -> anyEnabled.get(ANY));
        this.jobs = Jobs.create(db, clock);
        jobs.schedule("prune-webhook-log", Duration.ofHours(1), Duration.ofMinutes(10), () -> prune(config.logKept()));
        this.pollEvery = config.pollEvery();
    }

    /**
     * Webhooks for one Parley: listens on {@code bus} for what comments and moderation announce at once, and
     * sends once {@link #start}ed. {@code staff} signs admins in for the JSON routes; {@code moderation} keeps
     * the audit log.
     */
    public static Webhooks create(Database db, Clock clock, EventBus bus, Sites sites, Staff staff, Comments comments,
                                  Moderation moderation, WebhooksConfig config) {
        return new Webhooks(db, clock, bus, sites, staff, comments, moderation, config);
    }

    /** Starts this node's sender (each poll, and at once for new messages) and the hourly pruning of the log. */
    public void start() {
        dispatcher.start(pollEvery);
        jobs.start(Duration.ofMinutes(1));
    }

    /** A site's endpoints, oldest first. 404 for an unknown site, 403 for anyone but its admins. */
    public List<Endpoint> endpoints(StaffUser who, SiteId site) {
        requireAdmin(who, site);
        return db.read(h -> endpoints.ofSite(h, site)).stream().map(EndpointRow::endpoint).toList();
    }

    /**
     * Registers an endpoint, enabled, and returns it with its signing secret, shown this once. 422 for a URL
     * that is not http(s), an address refused as internal, an unknown event type, no event type, a long
     * description, or a site that has {@value #MAX_ENDPOINTS_PER_SITE} endpoints already.
     */
    public CreatedEndpoint add(StaffUser who, SiteId site, NewEndpoint draft) {
        requireAdmin(who, site);
        Checked checked = check(draft);
        Instant now = clock.instant();
        String secret = signer.newSecret();
        Endpoint endpoint = new Endpoint(db.ids().next("wh", now.toEpochMilli()), site, checked.url(), checked.description(),
                checked.events(), true, now, who.username());
        db.write(h -> {
            if (endpoints.ofSite(h, site).size() >= MAX_ENDPOINTS_PER_SITE) {
                throw new ParleyException.InvalidInput(WebhookProblem.INVALID_WEBHOOK, "Site '" + site + "' has "
                        + MAX_ENDPOINTS_PER_SITE + " webhook endpoints already; delete one first.");
            }
            endpoints.insert(h, new EndpointRow(endpoint, List.of(secret), Instant.EPOCH));
            anyEnabled.changed(ANY);
            audit(who, endpoint, "webhook-add", Optional.empty(), Optional.of(state(endpoint)));
            return null;
        });
        return new CreatedEndpoint(endpoint, secret);
    }

    /**
     * Gives the endpoint a new secret, shown this once. For {@link #ROTATION_GRACE} messages carry a signature
     * with the old secret as well, so the receiver can switch without rejecting any.
     */
    public CreatedEndpoint rotate(StaffUser who, SiteId site, String endpointId) {
        requireAdmin(who, site);
        String secret = signer.newSecret();
        Instant now = clock.instant();
        Endpoint endpoint = db.write(h -> {
            EndpointRow row = require(h, site, endpointId);
            endpoints.setSecrets(h, endpointId, List.of(secret, row.secrets().getFirst()), now.plus(ROTATION_GRACE));
            audit(who, row.endpoint(), "webhook-rotate", Optional.empty(), Optional.empty());
            return row.endpoint();
        });
        return new CreatedEndpoint(endpoint, secret);
    }

    /** Turns the endpoint on or off; a disabled endpoint gets no messages, and those waiting for it are dropped. */
    public Endpoint setEnabled(StaffUser who, SiteId site, String endpointId, boolean enabled) {
        requireAdmin(who, site);
        return db.write(h -> {
            EndpointRow row = require(h, site, endpointId);
            endpoints.setEnabled(h, endpointId, enabled);
            anyEnabled.changed(ANY);
            Endpoint after = require(h, site, endpointId).endpoint();
            if (row.endpoint().enabled() != enabled) {
                audit(who, after, enabled ? "webhook-enable" : "webhook-disable", Optional.of(state(row.endpoint())), Optional.of(state(after)));
            }
            return after;
        });
    }

    /** Deletes the endpoint with the messages waiting for it and its delivery log. */
    public void delete(StaffUser who, SiteId site, String endpointId) {
        requireAdmin(who, site);
        db.write(h -> {
            EndpointRow row = require(h, site, endpointId);
            endpoints.delete(h, endpointId);
            anyEnabled.changed(ANY);
            audit(who, row.endpoint(), "webhook-delete", Optional.of(state(row.endpoint())), Optional.empty());
            return null;
        });
    }

    /**
     * Posts a {@code webhook.test} message to the endpoint now (enabled or not), once, and returns how it
     * went; the attempt joins the delivery log.
     */
    public Delivery sendTest(StaffUser who, SiteId site, String endpointId) {
        requireAdmin(who, site);
        Instant now = clock.instant();
        ObjectNode payload = payloads.envelope(EventType.WEBHOOK_TEST, now);
        ((ObjectNode) payload.get("data")).put("site", site.value()).put("endpointId", endpointId)
                .put("requestedBy", who.username()).put("message", "A test message from Parley; nothing happened on the site.");
        Message message = new Message(db.ids().next("msg", now.toEpochMilli()), endpointId, EventType.WEBHOOK_TEST,
                payloads.text(payload), now, 0);
        Message leased = db.write(h -> {
            require(h, site, endpointId);
            messages.insertIfAbsent(h, message, "webhook.test:" + message.id());
            return dispatcher.lease(h, message);
        });
        return dispatcher.sendOnce(leased);
    }

    /**
     * The newest attempts on the site's endpoints (or on one of them), newest first, at most
     * {@value #MAX_LOG_ROWS}.
     */
    public List<Delivery> deliveries(StaffUser who, SiteId site, Optional<String> endpointId, int limit) {
        requireAdmin(who, site);
        return db.read(h -> {
            endpointId.ifPresent(id -> require(h, site, id));
            return messages.attempts(h, site, endpointId, Math.max(1, Math.min(limit, MAX_LOG_ROWS)));
        });
    }

    /** Sends what is due now on this node and returns how many messages it tried (the poll does this by itself). */
    /** Forgets every webhook message (sent or not) and its log that names {@code reader}: they left. Returns how many. */
    public int forgetReader(ReaderId reader) {
        return db.write(h -> messages.forgetReader(h, reader.value()));
    }

    public int deliverDue() {
        return dispatcher.deliverDue();
    }

    /** The JSON API under {@code /api/v1/sites/{site}/webhooks}, for signed-in site admins. */
    public HttpService routes() {
        return new WebhookRoutes(this, staff);
    }

    /** Stops sending; messages not yet sent wait in the outbox for the next start or another node. */
    @Override
    public void close() {
        jobs.close();
        intake.close();
        dispatcher.close();
    }

    private void prune(Duration kept) {
        int pruned = db.write(h -> messages.prune(h, clock.instant().minus(kept)));
        if (pruned > 0) {
            LOG.info("forgot {} webhook delivery attempts older than {} days", pruned, kept.toDays());
        }
    }

    private record Checked(URI url, String description, Set<EventType> events) {
    }

    /** The endpoint as typed, checked: every mistake at once (422 {@code invalid-webhook}), or a refused target alone. */
    private Checked check(NewEndpoint draft) {
        List<FieldError> errors = new ArrayList<>();
        URI url = null;
        try {
            url = guard.check(draft.url());
        } catch (ParleyException.InvalidInput e) {
            if (e.type() == WebhookProblem.WEBHOOK_TARGET_REFUSED) {
                throw e;
            }
            errors.addAll(e.errors());
        }
        String description = draft.description() == null ? "" : draft.description().strip();
        if (description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "is longer than " + MAX_DESCRIPTION + " characters"));
        }
        EnumSet<EventType> events = EnumSet.noneOf(EventType.class);
        for (String name : draft.events()) {
            EventType.parse(name).ifPresentOrElse(events::add, () -> errors.add(new FieldError("events",
                    "'" + name + "' is not an event type; use " + subscribable())));
        }
        if (draft.events().isEmpty()) {
            errors.add(new FieldError("events", "name at least one of " + subscribable()));
        }
        if (!errors.isEmpty()) {
            throw new ParleyException.InvalidInput(WebhookProblem.INVALID_WEBHOOK, "The webhook endpoint was not saved: "
                    + errors.getFirst().field() + " " + errors.getFirst().message() + ".", errors);
        }
        return new Checked(url, description, events);
    }

    private void requireAdmin(StaffUser who, SiteId site) {
        sites.require(site.value());
        if (!who.mayModerate(site, Optional.empty())) {
            throw new ParleyException.Forbidden(WebhookProblem.NOT_SITE_ADMIN,
                    "Only admins and site-wide moderators of '" + site + "' manage its webhooks.");
        }
    }

    private EndpointRow require(org.jdbi.v3.core.Handle h, SiteId site, String endpointId) {
        return endpoints.find(h, site, endpointId).orElseThrow(() -> new ParleyException.NotFound(WebhookProblem.UNKNOWN_WEBHOOK,
                "Site '" + site + "' has no webhook endpoint '" + endpointId + "'."));
    }

    private void audit(StaffUser who, Endpoint endpoint, String action, Optional<String> before, Optional<String> after) {
        moderation.recordAudit(who, endpoint.site(), action, "webhook", endpoint.id(), Optional.empty(), before, after);
    }

    /** What the audit log keeps of an endpoint: never its secrets. */
    private String state(Endpoint e) {
        ObjectNode node = payloads.object().put("url", e.url().toString()).put("description", e.description())
                .put("enabled", e.enabled());
        var events = node.putArray("events");
        e.events().stream().map(EventType::apiName).sorted().forEach(events::add);
        return payloads.text(node);
    }

    private static String subscribable() {
        return String.join(", ", java.util.Arrays.stream(EventType.values()).filter(EventType::subscribable).map(EventType::apiName).toList());
    }
}
