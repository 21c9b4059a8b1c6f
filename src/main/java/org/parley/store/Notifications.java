package org.parley.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals between the Parley processes sharing one PostgreSQL database, over LISTEN/NOTIFY on one channel
 * per schema (two installations in one database stay apart). A signal is a topic and a short body; what
 * it announces is always also written to a table, so a process that misses signals (its listening
 * connection dropped, it restarted) catches up from there — {@link #onReconnect} says when that is due.
 *
 * <p>Signals sent inside a write transaction leave when it commits, and not at all if it rolls back.
 * Listening uses a connection of its own, outside the pools, re-opened with backoff when it drops. Handlers
 * run on the listening thread, only for signals from other processes, and must return quickly. Thread-safe.
 */
public final class Notifications implements AutoCloseable {

    /** PostgreSQL refuses payloads of 8,000 bytes and more; signals carry ids, far below that. */
    static final int MAX_PAYLOAD_BYTES = 7_900;
    private static final int WAIT_MILLIS = 500;
    /** Idle waits between checks that the listening connection still answers (a silent network drop). */
    private static final int CHECK_EVERY_WAITS = 20;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Database db;
    private final StoreConfig config;
    private final String channel;
    private final String node;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectActions = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Object pause = new Object();
    private volatile boolean connected;
    private volatile boolean closed;
    private Thread listener;

    Notifications(Database db, StoreConfig config, String schema, String node) {
        this.db = db;
        this.config = config;
        this.channel = channelFor(schema);
        this.node = node;
    }

    /** {@code parley_} and the schema, kept to what an unquoted identifier allows. */
    static String channelFor(String schema) {
        String safe = schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "parley_" + safe;
        return name.length() <= 63 ? name : "parley_" + Integer.toHexString(schema.hashCode()) + "_" + safe.substring(0, 40);
    }

    /** Calls {@code handler} with the body of every signal on {@code topic} another process sends. */
    public void listen(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Runs {@code action} each time listening resumed after a break, when signals may have been missed. */
    public void onReconnect(Runnable action) {
        reconnectActions.add(action);
    }

    /** Sends several signals of one topic in one statement; inside a write transaction they leave on commit. */
    public void sendAll(String topic, List<String> bodies) {
        List<String> payloads = bodies.stream().map(body -> payload(topic, body)).toList();
        db.write(h -> h.createQuery("SELECT 1 FROM unnest(CAST(:payloads AS text[])) p, pg_notify(:channel, p)")
                .bind("channel", channel)
                .bindArray("payloads", String.class, payloads)
                .mapTo(Integer.class)
                .list());
    }

    /** The payload of a signal, or an exception naming the topic when it would not fit. */
    String payload(String topic, String body) {
        String payload = node + ' ' + topic + ' ' + body;
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a '" + topic + "' signal of " + body.length() + " characters is too long to send");
        }
        return payload;
    }

    /** The channel signals travel on, for SQL that sends one as part of a statement of its own. */
    String channel() {
        return channel;
    }

    /** True while the listening connection is open. */
    public boolean connected() {
        return connected;
    }

    /** Starts listening, waiting a few seconds at most for the first connection. */
    void start() {
        listener = Thread.ofPlatform().name("parley-listen").daemon().start(this::run);
        try {
            if (!listening.await(10, TimeUnit.SECONDS)) {
                LOG.warn("not yet listening to other nodes' signals on {}; will keep trying", channel);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = 100;
        boolean resumed = false;
        while (!closed) {
            try (Connection connection = DriverManager.getConnection(config.effectiveUrl(), connectionProperties())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                connected = true;
                listening.countDown();
                backoff = 100;
                if (resumed) {
                    LOG.info("listening to other nodes again; catching up on what was missed");
                    reconnectActions.forEach(Notifications::runQuietly);
                }
                resumed = true;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (closed) {
                    return;
                }
                LOG.warn("listening to other nodes failed ({}); retrying in {} ms", e.toString(), backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Named after the channel, so an operator sees in {@code pg_stat_activity} which connections listen. */
    private Properties connectionProperties() {
        Properties properties = new Properties();
        if (!config.user().isEmpty()) {
            properties.setProperty("user", config.user());
        }
        if (!config.password().isEmpty()) {
            properties.setProperty("password", config.password());
        }
        properties.setProperty("ApplicationName", channel);
        return properties;
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        int idle = 0;
        while (!closed) {
            PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
            if (received == null || received.length == 0) {
                if (++idle % CHECK_EVERY_WAITS == 0 && !connection.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                continue;
            }
            for (PGNotification notification : received) {
                dispatch(notification.getParameter());
            }
        }
    }

    private void dispatch(String payload) {
        int first = payload.indexOf(' ');
        int second = first < 0 ? -1 : payload.indexOf(' ', first + 1);
        if (second < 0 || payload.regionMatches(0, node, 0, first) && first == node.length()) {
            return;
        }
        String body = payload.substring(second + 1);
        for (Consumer<String> handler : handlers.getOrDefault(payload.substring(first + 1, second), List.of())) {
            try {
                handler.accept(body);
            } catch (RuntimeException e) {
                LOG.error("handling a signal from another node failed: {}", payload, e);
            }
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("catching up after a break in listening failed", e);
        }
    }

    private void pause(long millis) {
        synchronized (pause) {
            if (!closed) {
                try {
                    pause.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        if (listener != null) {
            listener.interrupt();
        }
    }
}
