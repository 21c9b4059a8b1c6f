package org.parley.live;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent event streams grouped by topic (one topic per page). Each connected client is served by
 * its own virtual thread, blocked on a bounded queue: a broadcast encodes its message once and only
 * enqueues it, so one slow client never delays the others. A client whose queue overflows is disconnected
 * and catches up by reconnecting with {@code Last-Event-ID}. A heartbeat finds dead connections, which
 * the server only notices on a write. New clients are refused ({@link #full}) past a number of clients
 * that the heap holds, or when open files run short. Thread-safe.
 */
public final class LiveStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);

    /** Heap one connected client costs, measured with bench/live.sh (connection, its thread, buffers). */
    static final long BYTES_PER_CLIENT = 32 * 1024;
    /** Share of the heap live clients may take; the rest serves everything else. */
    static final double HEAP_SHARE = 0.6;
    /** Files kept free for the database, uploads and ordinary requests when streams are refused. */
    static final long SPARE_FILES = 768;
    /** Reconnections after a stop are spread over this long, so a node's readers do not all return at once. */
    static final Duration RECONNECT_SPREAD = Duration.ofSeconds(5);

    /** A message with its bytes on the wire, encoded once for every client of a topic. */
    private record Outgoing(LiveMessage message, byte[] frame) {
    }

    private static final Outgoing CLOSE = new Outgoing(new LiveMessage(-1, "", ""), new byte[0]);
    /** Told to every client when the server stops: come back (here, after a restart, or on another node). */
    private static final Outgoing GOING_AWAY = new Outgoing(new LiveMessage(-2, "", ""), new byte[0]);

    private static final class Client {
        final BlockingQueue<Outgoing> queue;

        Client(int capacity) {
            this.queue = new LinkedBlockingQueue<>(capacity);
        }

        /** False when the queue was full: the client is then told to go (and reconnect to catch up). */
        boolean offer(Outgoing message) {
            if (!queue.offer(message)) {
                queue.clear();
                queue.offer(CLOSE);
                return false;
            }
            return true;
        }
    }

    private final Duration heartbeat;
    private final int queueCapacity;
    private final int maxClients;
    private final OpenFiles files;
    private final Map<String, Set<Client>> topics = new ConcurrentHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();
    private final LongAdder broadcasts = new LongAdder();
    private final LongAdder overflows = new LongAdder();
    private volatile boolean closed;

    private LiveStreams(Duration heartbeat, int queueCapacity, int maxClients, OpenFiles files) {
        this.heartbeat = heartbeat;
        this.queueCapacity = queueCapacity;
        this.maxClients = maxClients;
        this.files = files;
    }

    /**
     * Streams that send a heartbeat every {@code heartbeat}, buffer up to {@code queueCapacity} messages per
     * client and hold at most {@code maxClients} clients (0: as many as {@link #HEAP_SHARE} of the heap holds).
     */
    public static LiveStreams create(Duration heartbeat, int queueCapacity, int maxClients) {
        return new LiveStreams(heartbeat, queueCapacity, maxClients > 0 ? maxClients : clientsTheHeapHolds(Runtime.getRuntime().maxMemory()),
                OpenFiles.ofThisProcess());
    }

    /** Streams holding as many clients as the heap holds (see {@link #create(Duration, int, int)}). */
    public static LiveStreams create(Duration heartbeat, int queueCapacity) {
        return create(heartbeat, queueCapacity, 0);
    }

    /** How many clients {@link #HEAP_SHARE} of a heap of {@code maxHeapBytes} holds. */
    static int clientsTheHeapHolds(long maxHeapBytes) {
        return (int) Math.max(100, Math.min(Integer.MAX_VALUE, (long) (maxHeapBytes * HEAP_SHARE) / BYTES_PER_CLIENT));
    }

    /**
     * True when a new client should be refused (503, come back later or elsewhere): as many are connected
     * as the heap holds, or fewer than {@link #SPARE_FILES} files could still be opened.
     */
    public boolean full() {
        return clients.get() >= maxClients || files.left() < SPARE_FILES;
    }

    /** True when at least one client follows {@code topic}. */
    public boolean hasClients(String topic) {
        Set<Client> following = topics.get(topic);
        return following != null && !following.isEmpty();
    }

    /** Number of connected clients across all topics. */
    public int clientCount() {
        return clients.get();
    }

    /** Queues {@code message} for every client of {@code topic}; never blocks. */
    public void broadcast(String topic, LiveMessage message) {
        Set<Client> following = topics.get(topic);
        if (following != null && !following.isEmpty()) {
            broadcasts.increment();
            Outgoing outgoing = new Outgoing(message, EventStream.frame(message));
            for (Client client : following) {
                if (!client.offer(outgoing)) {
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
     * Serves one client on {@code body} (a response's body, its headers already set for an event stream)
     * until it disconnects, overflows or the streams close: first what {@code replay} returns for messages
     * after {@code lastSeen}, then live messages newer than the last one sent. Messages {@code shows}
     * refuses (a reader's blocked commenters) are not sent, but their sequence numbers still count as seen.
     * Blocks the calling (virtual) thread.
     */
    public void serve(String topic, OutputStream body, long lastSeen, LongFunction<List<LiveMessage>> replay,
                      Predicate<LiveMessage> shows) {
        Client client = new Client(queueCapacity);
        Set<Client> following = topics.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
        following.add(client);
        clients.incrementAndGet();
        EventStream stream = new EventStream(body);
        try {
            stream.comment("connected");
            long sent = lastSeen;
            List<LiveMessage> missed;
            try {
                missed = replay.apply(lastSeen);
            } catch (RuntimeException e) {
                // Not the client's doing (the database, most likely): say so; the client reconnects and resumes.
                LOG.warn("could not replay what a live reader of {} missed; its stream closes", topic, e);
                return;
            }
            for (LiveMessage message : missed) {
                sent = emit(stream, new Outgoing(message, EventStream.frame(message)), sent, shows);
            }
            while (true) {
                Outgoing next = client.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (next == CLOSE) {
                    break;
                }
                if (next == GOING_AWAY || closed) {
                    stream.retry(1_000 + ThreadLocalRandom.current().nextLong(RECONNECT_SPREAD.toMillis()), "server stopping; reconnect");
                    break;
                }
                if (next == null) {
                    stream.comment("heartbeat");
                } else {
                    sent = emit(stream, next, sent, shows);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException clientGone) {
            // UncheckedIOException or ServerConnectionException: the client went away; nothing to report.
        } finally {
            following.remove(client);
            clients.decrementAndGet();
            topics.computeIfPresent(topic, (t, set) -> set.isEmpty() ? null : set);
            stream.close();
        }
    }

    private static long emit(EventStream stream, Outgoing outgoing, long sent, Predicate<LiveMessage> shows) {
        LiveMessage message = outgoing.message();
        if (message.sequence() <= sent) {
            return sent;
        }
        if (!shows.test(message)) {
            return message.sequence();
        }
        stream.send(outgoing.frame());
        return message.sequence();
    }

    /**
     * Ends every stream, telling each client when to reconnect (within a few seconds, spread out): to
     * another node, or here after a restart, resuming with {@code Last-Event-ID}.
     */
    @Override
    public void close() {
        closed = true;
        topics.values().forEach(following -> following.forEach(client -> {
            client.queue.clear();
            client.queue.offer(GOING_AWAY);
        }));
    }
}
