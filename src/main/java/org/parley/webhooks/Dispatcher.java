package org.parley.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.parley.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender on this node: every poll (and whenever new messages are written) it claims due messages,
 * posts them at once each on its own virtual thread, and logs each attempt. Claims are leases in the
 * database, so any number of nodes can run one; a message is never sent inside the transaction that
 * caused it, only once that has committed and the intake has written it.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 50;

    private final Database db;
    private final Clock clock;
    private final EndpointRepository endpoints;
    private final MessageRepository messages;
    private final Signer signer;
    private final TargetGuard guard;
    private final Courier courier;
    private final Backoff backoff;
    private final Duration lease;
    private final String holder;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-webhooks").daemon().factory());

    Dispatcher(Database db, Clock clock, EndpointRepository endpoints, MessageRepository messages, Signer signer,
               TargetGuard guard, Courier courier, Backoff backoff, Duration timeout) {
        this.db = db;
        this.clock = clock;
        this.endpoints = endpoints;
        this.messages = messages;
        this.signer = signer;
        this.guard = guard;
        this.courier = courier;
        this.backoff = backoff;
        // Long enough for the slowest attempt and its bookkeeping; a dead node's claims free up after it.
        this.lease = timeout.multipliedBy(2).plusSeconds(30);
        this.holder = db.node() + "/" + db.ids().next("w", System.currentTimeMillis());
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::deliverDueLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks for due messages now rather than at the next poll. */
    void wake() {
        try {
            timer.execute(this::deliverDueLogged);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the next node to poll sends them
        }
    }

    private void deliverDueLogged() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("sending webhooks failed; trying again at the next poll: {}", e.toString(), e);
        }
    }

    /** Claims the messages due now and sends them, a batch at a time until none is left; returns how many this node sent. */
    int deliverDue() {
        int sent = 0;
        int claimed;
        do {
            claimed = deliverBatch();
            sent += claimed;
        } while (claimed == BATCH);
        return sent;
    }

    private int deliverBatch() {
        Instant now = clock.instant();
        List<Message> claimed = new ArrayList<>();
        for (String id : db.read(h -> messages.due(h, now, BATCH))) {
            db.write(h -> messages.claim(h, id, holder, now, now.plus(lease))).ifPresent(claimed::add);
        }
        try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
            claimed.forEach(message -> sends.execute(() -> attempt(message, true)));
        }
        return claimed.size();
    }

    /**
     * Leases {@code message} to this node inside the transaction that writes it, so that no sender ever sees
     * it unleased and sends it as well.
     */
    Message lease(Handle h, Message message) {
        Instant now = clock.instant();
        return messages.claim(h, message.id(), holder, now, now.plus(lease))
                .orElseThrow(() -> new IllegalStateException("message " + message.id() + " was just written, yet is not due"));
    }

    /** Sends a message {@link #lease}d here once, without retries (a test message). */
    Delivery sendOnce(Message leased) {
        return attempt(leased, false);
    }

    /** One attempt: checks the target again, signs afresh (same id, new timestamp), posts, logs, schedules what follows. */
    private Delivery attempt(Message message, boolean retries) {
        Optional<EndpointRow> found = db.read(h -> endpoints.find(h, message.endpointId()));
        Instant at = clock.instant();
        long started = System.nanoTime();
        Courier.Outcome outcome;
        if (found.isEmpty()) {
            outcome = Courier.failed("the endpoint was deleted");
        } else if (retries && !found.get().endpoint().enabled()) {
            outcome = Courier.failed("the endpoint was disabled before delivery");
        } else {
            EndpointRow row = found.get();
            outcome = guard.refusal(row.endpoint().url()).map(why -> Courier.failed("refused: " + why))
                    .orElseGet(() -> courier.post(row.endpoint().url(), message.id(), at.getEpochSecond(),
                            signer.signature(row.signingSecrets(at), message.id(), at.getEpochSecond(), message.payload()),
                            message.payload()));
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        int attempt = message.attempts() + 1;
        boolean retry = retries && !outcome.delivered() && found.isPresent() && found.get().endpoint().enabled();
        Optional<Instant> next = retry ? backoff.after(attempt).map(at::plus) : Optional.empty();
        Delivery delivery = new Delivery(message.id(), message.endpointId(), message.type(), attempt, at, outcome.status(),
                millis, outcome.error(), next);
        String state = outcome.delivered() ? MessageRepository.DELIVERED : next.isPresent() ? MessageRepository.PENDING : MessageRepository.FAILED;
        if (found.isPresent() && !db.write(h -> messages.recordAttempt(h, holder, delivery, state))) {
            LOG.warn("webhook message {} took longer than its lease; another node may send it again", message.id());
        }
        return delivery;
    }

    @Override
    public void close() {
        courier.close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
