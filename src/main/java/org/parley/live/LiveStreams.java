package org.parley.live;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * Server-sent event streams grouped by topic (one topic per page). Each connected client is served by
 * its own virtual thread, blocked on a bounded queue: a broadcast only enqueues, so one slow client
 * never delays the others. A client whose queue overflows is disconnected and catches up by
 * reconnecting with {@code Last-Event-ID}. A heartbeat finds dead connections, which the server only
 * notices on a write. Thread-safe.
 */
public final class LiveStreams implements AutoCloseable {

    private static final LiveMessage CLOSE = new LiveMessage(-1, "", "");
    /** Told to every client when the server stops: come back (here, after a restart, or on another node). */
    private static final LiveMessage GOING_AWAY = new LiveMessage(-2, "", "");
    /** Reconnections after a stop are spread over this long, so a node's readers do not all return at once. */
    static final Duration RECONNECT_SPREAD = Duration.ofSeconds(5);

    private static final class Client {
        final BlockingQueue<LiveMessage> queue;
        final AtomicBoolean overflowed = new AtomicBoolean();

        Client(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        void offer(LiveMessage message) {
            if (!queue.offer(message)) {
                overflowed.set(true);
                queue.clear();
                queue.offer(CLOSE);
            }
        }
    }

    private final Duration heartbeat;
    private final int queueCapacity;
    private final Map<String, Set<Client>> topics = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LiveStreams(Duration heartbeat, int queueCapacity) {
        this.heartbeat = heartbeat;
        this.queueCapacity = queueCapacity;
    }

    /** Streams that send a heartbeat every {@code heartbeat} and buffer up to {@code queueCapacity} messages per client. */
    public static LiveStreams create(Duration heartbeat, int queueCapacity) {
        return new LiveStreams(heartbeat, queueCapacity);
    }

    /** True when at least one client follows {@code topic}. */
    public boolean hasClients(String topic) {
        Set<Client> clients = topics.get(topic);
        return clients != null && !clients.isEmpty();
    }

    /** Number of connected clients across all topics. */
    public int clientCount() {
        return topics.values().stream().mapToInt(Set::size).sum();
    }

    /** Queues {@code message} for every client of {@code topic}; never blocks. */
    public void broadcast(String topic, LiveMessage message) {
        Set<Client> clients = topics.get(topic);
        if (clients != null) {
            clients.forEach(client -> client.offer(message));
        }
    }

    /**
     * Serves one client on {@code body} (a response's body, its headers already set for an event stream)
     * until it disconnects, overflows or the streams close: first what {@code replay} returns for messages
     * after {@code lastSeen}, then live messages newer than the last one sent. Messages {@code shows}
     * refuses (a reader's blocked commenters) are not sent, but their sequence numbers still count as seen.
     * Blocks the calling (virtual) thread.
     */
    public void serve(String topic, OutputStream body, long lastSeen, LongFunction<List<LiveMessage>> replay,
                      Predicate<LiveMessage> shows) {
        Client client = new Client(queueCapacity);
        Set<Client> clients = topics.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
        clients.add(client);
        EventStream stream = new EventStream(body);
        try {
            stream.comment("connected");
            long sent = lastSeen;
            for (LiveMessage message : replay.apply(lastSeen)) {
                sent = emit(stream, message, sent, shows);
            }
            while (true) {
                LiveMessage message = client.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (message == CLOSE) {
                    break;
                }
                if (message == GOING_AWAY || closed) {
                    stream.retry(1_000 + ThreadLocalRandom.current().nextLong(RECONNECT_SPREAD.toMillis()),
                            "server stopping; reconnect");
                    break;
                }
                if (message == null) {
                    stream.comment("heartbeat");
                } else {
                    sent = emit(stream, message, sent, shows);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException clientGone) {
            // UncheckedIOException or ServerConnectionException: the client went away; nothing to report.
        } finally {
            clients.remove(client);
            topics.computeIfPresent(topic, (t, set) -> set.isEmpty() ? null : set);
            stream.close();
        }
    }

    private static long emit(EventStream stream, LiveMessage message, long sent, Predicate<LiveMessage> shows) {
        if (message.sequence() <= sent) {
            return sent;
        }
        if (!shows.test(message)) {
            return message.sequence();
        }
        stream.event(Long.toString(message.sequence()), message.event(), message.data());
        return message.sequence();
    }

    /**
     * Ends every stream, telling each client when to reconnect (within a few seconds, spread out): to
     * another node, or here after a restart, resuming with {@code Last-Event-ID}.
     */
    @Override
    public void close() {
        closed = true;
        topics.values().forEach(clients -> clients.forEach(client -> {
            client.queue.clear();
            client.queue.offer(GOING_AWAY);
        }));
    }
}
