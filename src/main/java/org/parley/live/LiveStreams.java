package org.parley.live;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.sse.SseSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
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

    private static final class Client {
        final BlockingQueue<LiveMessage> queue;
        final AtomicBoolean overflowed = new AtomicBoolean();

        Client(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        /** False when the queue was full: the client is then told to go (and reconnect to catch up). */
        boolean offer(LiveMessage message) {
            if (!queue.offer(message)) {
                overflowed.set(true);
                queue.clear();
                queue.offer(CLOSE);
                return false;
            }
            return true;
        }
    }

    private final Duration heartbeat;
    private final int queueCapacity;
    private final Map<String, Set<Client>> topics = new ConcurrentHashMap<>();
    private final LongAdder broadcasts = new LongAdder();
    private final LongAdder overflows = new LongAdder();
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
            broadcasts.increment();
            for (Client client : clients) {
                if (!client.offer(message)) {
                    overflows.increment();
                }
            }
        }
    }

    /** Messages broadcast to a topic that had clients, since start: one per message, however many clients. */
    public long messagesBroadcast() {
        return broadcasts.sum();
    }

    /** Clients disconnected since start because they fell a whole queue behind (they reconnect to catch up). */
    public long clientsOverflowed() {
        return overflows.sum();
    }

    /**
     * Serves one client until it disconnects, overflows or the streams close: first what {@code replay}
     * returns for messages after {@code lastSeen}, then live messages newer than the last one sent.
     * Messages {@code shows} refuses (a reader's blocked commenters) are not sent, but their sequence
     * numbers still count as seen. Blocks the calling (virtual) thread.
     */
    public void serve(String topic, SseSink sink, long lastSeen, LongFunction<List<LiveMessage>> replay,
                      Predicate<LiveMessage> shows) {
        Client client = new Client(queueCapacity);
        Set<Client> clients = topics.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
        clients.add(client);
        try {
            sink.emit(SseEvent.builder().comment("connected").build());
            long sent = lastSeen;
            for (LiveMessage message : replay.apply(lastSeen)) {
                sent = emit(sink, message, sent, shows);
            }
            while (!closed) {
                LiveMessage message = client.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (message == CLOSE) {
                    break;
                }
                if (message == null) {
                    sink.emit(SseEvent.builder().comment("heartbeat").build());
                } else {
                    sent = emit(sink, message, sent, shows);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException clientGone) {
            // ServerConnectionException or an I/O failure: the client went away; nothing to report.
        } finally {
            clients.remove(client);
            topics.computeIfPresent(topic, (t, set) -> set.isEmpty() ? null : set);
            try {
                sink.close();
            } catch (RuntimeException alreadyClosed) {
                // the connection is already gone
            }
        }
    }

    private static long emit(SseSink sink, LiveMessage message, long sent, Predicate<LiveMessage> shows) {
        if (message.sequence() <= sent) {
            return sent;
        }
        if (!shows.test(message)) {
            return message.sequence();
        }
        sink.emit(SseEvent.builder()
                .id(Long.toString(message.sequence()))
                .name(message.event())
                .data(message.data())
                .build());
        return message.sequence();
    }

    /** Ends every stream; clients reconnect to another node or after a restart. */
    @Override
    public void close() {
        closed = true;
        topics.values().forEach(clients -> clients.forEach(client -> client.offer(CLOSE)));
    }
}
