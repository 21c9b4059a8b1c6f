package org.parley.web;

import com.sun.management.UnixOperatingSystemMXBean;
import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley's Helidon server, and what keeps it serving.
 * <p>
 * When {@code accept} fails (most often: the process is out of file descriptors), Helidon 4.5's listener logs
 * "this server socket is terminating", closes its port and stays closed, with no option to do otherwise and
 * no event Parley could hear: the process stays up refusing everything. So a watchdog checks once a second
 * that the port still takes connections; when it refuses them, the server is replaced by a new one on the
 * same port, retried with backoff until it binds. To make running out of descriptors unlikely in the first
 * place, connections beyond what the descriptor limit leaves room for wait in the accept backlog instead of
 * being accepted. The same watchdog times out connections that keep the server waiting
 * ({@link GuardedConnections}).
 */
final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final int PROBE_TIMEOUT_MILLIS = 1_000;

    private final ParleyConfig.Server config;
    private final long maxPayloadBytes;
    private final DirectHandlers directHandlers;
    private final Consumer<HttpRouting.Builder> routing;
    private final GuardedConnections connections;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("parley-http-watchdog").factory());
    private final int maxConnections = connectionLimit();
    private final int port;
    private final InetSocketAddress probe;
    private volatile WebServer server;
    private volatile boolean closing;
    private Duration retry = FIRST_RETRY;
    private long nextAttempt;
    private boolean reopening;

    private HttpServer(ParleyConfig.Server config, long maxPayloadBytes, DirectHandlers directHandlers,
                       Consumer<HttpRouting.Builder> routing) {
        this.config = config;
        this.maxPayloadBytes = maxPayloadBytes;
        this.directHandlers = directHandlers;
        this.routing = routing;
        this.connections = new GuardedConnections(config.timeouts());
        this.server = build(config.port()).start();
        if (!server.isRunning()) {
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + " (see the log above)");
        }
        this.port = server.port();
        this.probe = new InetSocketAddress(probeAddress(config.host()), port);
        long tick = Stream.of(config.timeouts().header(), config.timeouts().bodyRead(), config.timeouts().idle())
                .mapToLong(Duration::toMillis).min().orElseThrow() / 4;
        watchdog.scheduleWithFixedDelay(() -> quietly(connections::enforceTimeouts),
                100, Math.clamp(tick, 100, 1_000), TimeUnit.MILLISECONDS);
        watchdog.scheduleWithFixedDelay(() -> quietly(this::keepListening), 1, 1, TimeUnit.SECONDS);
    }

    /** Builds and starts the server; fails when the port cannot be bound. */
    static HttpServer start(ParleyConfig.Server config, long maxPayloadBytes, DirectHandlers directHandlers,
                            Consumer<HttpRouting.Builder> routing) {
        return new HttpServer(config, maxPayloadBytes, directHandlers, routing);
    }

    int port() {
        return port;
    }

    private WebServer build(int onPort) {
        return WebServer.builder()
                .host(config.host())
                .port(onPort)
                .maxPayloadSize(maxPayloadBytes)
                .shutdownGracePeriod(config.shutdownGrace())
                .useNio(false)
                .maxTcpConnections(maxConnections)
                .directHandlers(directHandlers)
                // Pass Helidon's own safe messages ("Chunk size is invalid") to the problem details.
                .errorHandling(ErrorHandling.builder().includeEntity(true).build())
                .protocolsDiscoverServices(false)
                // Parley.close() stops the server (the CLI calls it on shutdown); a second, concurrent stop
                // by Helidon's own hook would look like a listener that died.
                .shutdownHook(false)
                .addConnectionSelector(connections)
                .routing(routing)
                .build();
    }

    private synchronized void keepListening() {
        if (closing || System.nanoTime() < nextAttempt) {
            return;
        }
        if (!reopening) {
            // A server Helidon still reports running whose port refuses connections has lost its listener.
            if (!server.isRunning() || !refusesConnections()) {
                return;
            }
            LOG.warn("the HTTP listener on port {} no longer accepts connections (Helidon closes it when accept fails, "
                    + "e.g. when the process runs out of file descriptors); opening it again", port);
        }
        server.stop();
        server = build(port).start();
        reopening = !server.isRunning();
        if (reopening) {
            LOG.warn("could not open the HTTP listener on port {} again; next try in {} s", port, retry.toSeconds());
            nextAttempt = System.nanoTime() + retry.toNanos();
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        } else {
            LOG.warn("the HTTP listener on port {} accepts connections again", port);
            retry = FIRST_RETRY;
        }
    }

    /** Only a refused connection means nobody listens; failing to open a socket here (no descriptors) says nothing. */
    private boolean refusesConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(probe, PROBE_TIMEOUT_MILLIS);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException inconclusive) {
            return false;
        }
    }

    /**
     * Connections accepted at once: what the descriptor limit leaves after those already open (database, jars)
     * and a margin for files opened while serving. Unlimited where the limit cannot be read.
     */
    private static int connectionLimit() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)) {
            return -1;
        }
        long max = unix.getMaxFileDescriptorCount();
        // Files kept for the database, logs and uploads beside the connections.
        long limit = max - unix.getOpenFileDescriptorCount() - Math.max(64, max / 50);
        if (limit < 10_000) {
            LOG.warn("this process may open {} files, so Parley serves at most {} connections at once; "
                    + "raise the limit (ulimit -n) to serve more", max, Math.max(16, limit));
        }
        return limit >= Integer.MAX_VALUE ? -1 : (int) Math.max(16, limit);
    }

    private static InetAddress probeAddress(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** A scheduled task that throws is never run again: log and carry on instead. */
    private static void quietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("HTTP watchdog task failed; it runs again at its next turn", e);
        }
    }

    /** Stops watching, then stops the server (its live streams and connections with it). */
    @Override
    public void close() {
        closing = true;
        watchdog.shutdownNow();
        synchronized (this) {
            server.stop();
        }
    }
}
