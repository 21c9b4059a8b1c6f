package org.parley.web;

import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley's Helidon server: every connection goes through {@link GuardedConnections}, and a watchdog times
 * out connections that keep the server waiting.
 */
final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final ParleyConfig.Server config;
    private final long maxPayloadBytes;
    private final DirectHandlers directHandlers;
    private final Consumer<HttpRouting.Builder> routing;
    private final GuardedConnections connections;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("parley-http-watchdog").factory());
    private final int port;
    private final WebServer server;

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
        long tick = Stream.of(config.timeouts().header(), config.timeouts().bodyRead(), config.timeouts().idle())
                .mapToLong(Duration::toMillis).min().orElseThrow() / 4;
        watchdog.scheduleWithFixedDelay(() -> quietly(connections::enforceTimeouts),
                100, Math.clamp(tick, 100, 1_000), TimeUnit.MILLISECONDS);
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
                .directHandlers(directHandlers)
                // Pass Helidon's own safe messages ("Chunk size is invalid") to the problem details.
                .errorHandling(ErrorHandling.builder().includeEntity(true).build())
                .protocolsDiscoverServices(false)
                .addConnectionSelector(connections)
                .routing(routing)
                .build();
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
        watchdog.shutdownNow();
        server.stop();
    }
}
