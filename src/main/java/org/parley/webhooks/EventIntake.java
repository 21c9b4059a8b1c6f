package org.parley.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.parley.comments.CommentEvent;
import org.parley.comments.CommentId;
import org.parley.comments.CommentStatus;
import org.parley.comments.Comments;
import org.parley.comments.ReviewItem;
import org.parley.comments.ReviewQuery;
import org.parley.live.EventBus;
import org.parley.moderation.AuditEntry;
import org.parley.moderation.ModerationEvent;
import org.parley.moderation.Report;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed facts on the event bus into outbox rows, one per endpoint that wants them. Listeners
 * run on the publisher's thread, so each fact is handed to one background thread here: a post's request
 * never waits for webhooks. Comment events reach every node of a cluster, so the outbox keeps one row
 * per endpoint and event key whichever node writes it first.
 */
final class EventIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);

    private final Database db;
    private final Comments comments;
    private final EndpointRepository endpoints;
    private final MessageRepository messages;
    private final Payloads payloads;
    private final Runnable wake;
    private final java.util.function.BooleanSupplier anyEnabled;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("parley-webhooks-intake").factory());

    EventIntake(Database db, EventBus bus, Comments comments, EndpointRepository endpoints, MessageRepository messages,
                Payloads payloads, Runnable wake, java.util.function.BooleanSupplier anyEnabled) {
        this.anyEnabled = anyEnabled;
        this.db = db;
        this.comments = comments;
        this.endpoints = endpoints;
        this.messages = messages;
        this.payloads = payloads;
        this.wake = wake;
        // A node of the previous version sends no status (a rolling upgrade): null, then the stored one stands in.
        bus.subscribe(CommentEvent.CommentPosted.class, posted -> later(() -> posted(posted.commentId(),
                Optional.ofNullable(posted.status()))));
        bus.subscribe(ModerationEvent.ModeratorActed.class, acted -> later(() -> acted(acted.entry())));
        bus.subscribe(ModerationEvent.CommentReported.class, reported -> later(() -> reported(reported.report())));
    }

    private void later(Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("webhook messages for an event could not be written", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("webhooks are stopping; an event arrived too late to be sent");
        }
    }

    private void posted(CommentId id, Optional<CommentStatus> given) {
        if (!anyEnabled()) {
            return;
        }
        item(id).ifPresent(item -> {
            CommentStatus status = given.orElse(item.status());
            String key = id.value();
            enqueue(item.site(), EventType.COMMENT_CREATED, "comment.created:" + key, item.createdAt(),
                    payloads.comment(EventType.COMMENT_CREATED, item.createdAt(), item, status, Optional.empty()));
            Optional<EventType> outcome = switch (status) {
                case PUBLISHED -> Optional.of(EventType.COMMENT_PUBLISHED);
                case PENDING -> Optional.of(EventType.COMMENT_HELD);
                case REJECTED -> Optional.of(EventType.COMMENT_REJECTED);
                case DELETED, BLOCKED -> Optional.empty();
            };
            outcome.ifPresent(type -> enqueue(item.site(), type, type.apiName() + ":" + key + ":posted", item.createdAt(),
                    payloads.comment(type, item.createdAt(), item, status, Optional.empty())));
        });
    }

    private void acted(AuditEntry entry) {
        if (!anyEnabled()) {
            return;
        }
        JsonNode before = payloads.state(entry.before());
        JsonNode after = payloads.state(entry.after());
        String key = entry.id();
        switch (entry.action()) {
            case "approve", "reject" -> {
                CommentStatus wanted = entry.action().equals("approve") ? CommentStatus.PUBLISHED : CommentStatus.REJECTED;
                // Approving a published comment that was only flagged closes its review; it announces nothing.
                if (before.path("status").asText().equals(wanted.apiName()) || !CommentId.isValid(entry.targetId())) {
                    return;
                }
                EventType type = wanted == CommentStatus.PUBLISHED ? EventType.COMMENT_PUBLISHED : EventType.COMMENT_REJECTED;
                item(new CommentId(entry.targetId())).ifPresent(item -> enqueue(entry.site(), type, type.apiName() + ":" + key,
                        entry.at(), payloads.comment(type, entry.at(), item, wanted, entry.reason())));
            }
            case "ban", "suspend", "warn" -> enqueue(entry.site(), EventType.SANCTION_GIVEN, "sanction.given:" + key, entry.at(),
                    payloads.sanction(EventType.SANCTION_GIVEN, entry, after.path("kind").asText(), after));
            case "lift" -> enqueue(entry.site(), EventType.SANCTION_LIFTED, "sanction.lifted:" + key, entry.at(),
                    payloads.sanction(EventType.SANCTION_LIFTED, entry, before.path("kind").asText(), after));
            default -> {
                // Featuring, image removal, rules and word lists are the newsroom's own business: no event.
            }
        }
    }

    private void reported(Report report) {
        if (!anyEnabled()) {
            return;
        }
        item(report.comment()).ifPresent(item -> {
            ObjectNode payload = payloads.comment(EventType.COMMENT_REPORTED, report.at(), item, item.status(),
                    Optional.of(report.reason().apiName()));
            ((ObjectNode) payload.get("data")).put("reportId", report.id());
            enqueue(report.site(), EventType.COMMENT_REPORTED, "comment.reported:" + report.id(), report.at(), payload);
        });
    }

    /** Writes the message for every enabled endpoint of {@code site} that wants {@code type}, due at once, then wakes the sender. */
    private void enqueue(SiteId site, EventType type, String eventKey, Instant at, ObjectNode payload) {
        String body = payloads.text(payload);
        int added = db.write(h -> {
            int count = 0;
            for (EndpointRow row : endpoints.ofSite(h, site)) {
                if (row.endpoint().wants(type)) {
                    Message message = new Message(db.ids().next("msg", at.toEpochMilli()), row.endpoint().id(), type, body, at, 0);
                    count += messages.insertIfAbsent(h, message, eventKey) ? 1 : 0;
                }
            }
            return count;
        });
        if (added > 0) {
            wake.run();
        }
    }

    /** Cheap first question for every comment posted: is any endpoint enabled at all? */
    private boolean anyEnabled() {
        return anyEnabled.getAsBoolean();
    }

    private Optional<ReviewItem> item(CommentId id) {
        List<ReviewItem> found = comments.review(ReviewQuery.ids(List.of(), List.of(id)));
        return found.stream().findFirst();
    }

    /** Finishes writing what arrived so far (a few seconds at most). */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
