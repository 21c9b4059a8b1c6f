package org.parley.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.parley.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, on one virtual thread per node: it claims due emails with a lease (so no two
 * nodes send one email), sends them one by one over one SMTP connection per batch, outside any transaction,
 * and records each outcome. A temporary failure is tried again after an exponentially growing, jittered
 * delay, until {@link MailConfig#maxAttempts}; a permanent one is given up at once. The thread wakes when
 * this node enqueues (after commit), when the next email falls due, and at least every {@link #POLL} for
 * what other nodes enqueued. Thread-safe.
 */
final class Sender implements AutoCloseable {

    static final Duration POLL = Duration.ofSeconds(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(6);
    static final int BATCH = 10;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final Database db;
    private final Clock clock;
    private final OutboxRepository outbox;
    private final Smtp smtp;
    private final Duration sendBudget;
    private final int maxAttempts;
    private final RandomGenerator random;
    private final String node;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running = true;
    private final Thread thread;

    Sender(Database db, Clock clock, OutboxRepository outbox, SmtpServer server, int maxAttempts, RandomGenerator random) {
        this.db = db;
        this.clock = clock;
        this.outbox = outbox;
        this.smtp = new Smtp(server, clock);
        this.sendBudget = server.worstSendTime();
        this.maxAttempts = maxAttempts;
        this.random = random;
        this.node = db.node();
        this.thread = Thread.ofVirtual().name("parley-mail-sender").start(this::loop);
    }

    /** Asks the thread to look at the outbox now (cheap; many calls while it is busy make one more pass). */
    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** Sends every email due now, on the calling thread, batch by batch; returns how many it tried. */
    int sendDue() {
        int tried = 0;
        int claimed;
        do {
            Instant now = clock.instant();
            // A read first: on SQLite a claim takes the one writer, which an idle poll should not.
            if (db.read(outbox::nextDue).filter(due -> due <= now.toEpochMilli()).isEmpty()) {
                break;
            }
            String claim = node + "-" + UUID.randomUUID();
            Instant until = now.plus(sendBudget.multipliedBy(BATCH));
            claimed = db.write(h -> outbox.claim(h, claim, now, until, BATCH));
            if (claimed == 0) {
                break;
            }
            try (Smtp.Connection connection = smtp.connection()) {
                for (OutboxRow row : db.read(h -> outbox.claimed(h, claim))) {
                    // Never start a send that could outlast the lease: another node would take the email.
                    if (!running || clock.instant().plus(sendBudget).isAfter(until)) {
                        break;
                    }
                    attempt(connection, row, claim);
                    tried++;
                }
            } finally {
                db.write(h -> {
                    outbox.release(h, claim);
                    return null;
                });
            }
        } while (claimed == BATCH && running);
        return tried;
    }

    private void attempt(Smtp.Connection connection, OutboxRow row, String claim) {
        Delivery delivery;
        try {
            delivery = connection.send(row);
        } catch (RuntimeException e) {
            connection.close();
            // Counted as an attempt, so an email that trips a bug in the client ends after maxAttempts, not never.
            delivery = new Delivery.Temporary(Smtp.describe(e));
        }
        int attempts = row.attempts() + 1;
        Instant now = clock.instant();
        Delivery outcome = delivery;
        boolean kept = db.write(h -> switch (outcome) {
            case Delivery.Accepted accepted ->
                    outbox.finish(h, row.id(), claim, MailState.SENT, attempts, now, Optional.of(now), Optional.empty());
            case Delivery.Temporary temporary when attempts < maxAttempts ->
                    outbox.finish(h, row.id(), claim, MailState.QUEUED, attempts, now.plus(retryDelay(attempts, random.nextDouble())),
                            Optional.empty(), Optional.of(temporary.error()));
            case Delivery.Temporary temporary ->
                    outbox.finish(h, row.id(), claim, MailState.FAILED, attempts, now, Optional.of(now), Optional.of(temporary.error()));
            case Delivery.Permanent permanent ->
                    outbox.finish(h, row.id(), claim, MailState.FAILED, attempts, now, Optional.of(now), Optional.of(permanent.error()));
        });
        switch (delivery) {
            case Delivery.Accepted accepted -> LOG.debug("sent email {} to {}", row.id(), row.recipientForLog());
            case Delivery.Temporary temporary -> LOG.warn("email {} to {}, attempt {} of {}: {}", row.id(), row.recipientForLog(),
                    attempts, maxAttempts, temporary.error());
            case Delivery.Permanent permanent -> LOG.warn("email {} to {} cannot be delivered, giving up: {}", row.id(),
                    row.recipientForLog(), permanent.error());
        }
        if (!kept) {
            LOG.warn("email {}: its claim ran out while sending; another node may send it again", row.id());
        }
    }

    /**
     * How long to wait after the {@code attempts}-th failure: {@link #FIRST_RETRY} doubled per earlier failure,
     * at most {@link #LONGEST_RETRY}, of which a random half ({@code random} in [0, 1)) is dropped, so that
     * emails that failed together (a server outage) do not all come back at once.
     */
    static Duration retryDelay(int attempts, double random) {
        long full = Math.min(LONGEST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempts - 1, 20));
        return Duration.ofMillis(full / 2 + (long) (full / 2 * random));
    }

    private void loop() {
        while (running) {
            Duration wait = POLL;
            try {
                sendDue();
                Optional<Long> due = db.read(outbox::nextDue);
                if (due.isPresent()) {
                    long untilDue = due.get() - clock.millis();
                    wait = Duration.ofMillis(Math.clamp(untilDue, 10, POLL.toMillis()));
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("the mail sender failed a pass and tries again in {} s: {}", POLL.toSeconds(), e.toString(), e);
                }
            }
            try {
                if (wakeups.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the thread, letting a send in progress finish for a while. */
    @Override
    public void close() {
        running = false;
        wakeups.release();
        try {
            if (!thread.join(CLOSE_WAIT)) {
                thread.interrupt();
                LOG.warn("the mail sender was still sending after {} s and was interrupted", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
