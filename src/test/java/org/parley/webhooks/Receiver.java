package org.parley.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A real webhook receiver for tests: the JDK's HTTP server on a free loopback port, keeping every request
 * it gets. It answers 204, or first the statuses queued with {@link #answerNext}; a 3xx points to
 * {@code /elsewhere} on the same receiver, so a client that followed it would be seen arriving there.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String path, String id, String timestamp, String signature, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                var h = exchange.getRequestHeaders();
                received.add(new Received(exchange.getRequestURI().getPath(), h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                        h.getFirst("webhook-signature"), h.getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Integer status = statuses.poll();
                if (status != null && status >= 300 && status < 400) {
                    exchange.getResponseHeaders().set("Location", url("/elsewhere"));
                }
                exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            }
        });
        server.start();
    }

    /** The URL of {@code path} on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered with these statuses, in order; then 204 again. */
    void answerNext(Integer... codes) {
        statuses.addAll(List.of(codes));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until the requests so far satisfy {@code done}, at most {@code deadline}; fails saying what it waited for. */
    List<Received> await(String what, Duration deadline, Predicate<List<Received>> done) {
        Instant until = Instant.now().plus(deadline);
        while (!done.test(received())) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("waited " + deadline.toSeconds() + " s for " + what + "; received " + received());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // between attempts of a deadline-bound poll
        }
        return received();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<Received> of(List<Received> all, String type) {
        List<Received> out = new ArrayList<>();
        all.stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).forEach(out::add);
        return out;
    }
}
