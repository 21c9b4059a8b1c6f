package org.parley.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.parley.store.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus of a node among several on one PostgreSQL database. Events are delivered here at once, as
 * in one process; events of a {@link #share shared} family also travel to the other nodes as NOTIFY
 * signals (the record's name and its fields as JSON: ids and versions, well under PostgreSQL's 8,000-byte
 * limit), where they are delivered to the same listeners. Signals are sent by one thread, many per
 * statement, so a burst of posts costs few round trips and never waits on the poster's request.
 *
 * <p>A signal can be lost (a node's connection drops). The facts themselves are stored — a page's change
 * log, {@code cache_changes} — so listeners treat an event as "look again", and when this node may have
 * missed some it publishes {@link MissedEvents} to its own listeners. Thread-safe.
 */
public final class ClusterEventBus implements EventBus {

    static final String SIGNAL = "event";
    /** Signals sent in one statement at most; a larger burst takes several. */
    private static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventBus.class);
    /** Queued last by {@link #close}: what was published before it is still sent. */
    private static final String END = "";
    private static final long DRAIN_MILLIS = 5_000;

    private final InProcessEventBus here = new InProcessEventBus();
    private final Notifications signals;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Class<?>> shared = new ConcurrentHashMap<>();
    private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final Thread sender;
    /** Once closing, what other nodes send is no longer delivered here (the node's features are stopping). */
    private volatile boolean closed;

    public ClusterEventBus(Notifications signals) {
        this.signals = signals;
        signals.listen(SIGNAL, this::received);
        signals.onReconnect(() -> here.publish(new MissedEvents()));
        this.sender = Thread.ofPlatform().name("parley-events-out").daemon().start(this::send);
    }

    @Override
    public void publish(Object event) {
        here.publish(event);
        Class<?> type = event.getClass();
        if (shared.get(type.getSimpleName()) == type) {
            try {
                outbox.add(type.getSimpleName() + ' ' + json.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                LOG.error("event {} could not be sent to other nodes", event, e);
            }
        }
    }

    @Override
    public <E> void subscribe(Class<E> type, Consumer<? super E> listener) {
        here.subscribe(type, listener);
    }

    @Override
    public void share(Class<?> family) {
        if (!family.isSealed()) {
            throw new IllegalArgumentException(family.getName() + " is not a sealed family of events");
        }
        for (Class<?> member : family.getPermittedSubclasses()) {
            if (!member.isRecord()) {
                throw new IllegalArgumentException(member.getName() + " must be a record to travel between nodes");
            }
            Class<?> before = shared.putIfAbsent(member.getSimpleName(), member);
            if (before != null && before != member) {
                throw new IllegalArgumentException("two shared events are named " + member.getSimpleName());
            }
        }
    }

    private void received(String body) {
        if (closed) {
            return;
        }
        int space = body.indexOf(' ');
        Class<?> type = space < 0 ? null : shared.get(body.substring(0, space));
        if (type == null) {
            LOG.warn("another node sent an event this one does not know: {}", body.substring(0, Math.min(body.length(), 80)));
            return;
        }
        try {
            Object event = json.readValue(body.substring(space + 1), type);
            received.increment();
            here.publish(event);
        } catch (JsonProcessingException e) {
            LOG.warn("another node sent an event that does not read as {}: {}", type.getSimpleName(), e.getOriginalMessage());
        }
    }

    private void send() {
        List<String> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(outbox.take());
            } catch (InterruptedException e) {
                return;
            }
            outbox.drainTo(batch, BATCH - 1);
            boolean ending = batch.remove(END);
            if (batch.isEmpty() && ending) {
                return;
            }
            try {
                signals.sendAll(SIGNAL, batch);
                sent.add(batch.size());
            } catch (RuntimeException e) {
                // Other nodes see the change in their caches within a second and on their readers' next event.
                failed.add(batch.size());
                LOG.warn("{} events could not be signalled to other nodes: {}", batch.size(), e.toString());
            }
            batch.clear();
            if (ending) {
                return;
            }
        }
    }

    /** Shared events signalled to the other nodes since start. */
    public long eventsSent() {
        return sent.sum();
    }

    /** Shared events that could not be signalled (the database refused the statement) since start. */
    public long eventsFailed() {
        return failed.sum();
    }

    /** Events received from the other nodes and delivered here since start. */
    public long eventsReceived() {
        return received.sum();
    }

    /** Sends what was published so far (waiting a few seconds at most), then stops sending. */
    @Override
    public void close() {
        closed = true;
        outbox.add(END);
        try {
            sender.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }
}
