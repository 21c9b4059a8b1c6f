package org.parley.web;

import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request Parley routes as {@code parley.http.requests} (Prometheus:
 * {@code parley_http_requests_seconds}), a histogram by route, method and status with the bucket
 * boundaries below. The labels stay few whatever clients send: the route is the pattern that matched,
 * never the path ({@value #UNMATCHED} when none did, e.g. a scanner's guesses), a method outside HTTP's
 * own is {@value #OTHER_METHOD}, and a request whose connection ended before any answer has status
 * {@value #NO_STATUS}. A {@code HEAD} request is counted as the {@code GET} it is served as. Thread-safe.
 */
final class RequestTimers {

    static final String METER = "parley.http.requests";
    static final String UNMATCHED = "unmatched";
    static final String OTHER_METHOD = "OTHER";
    static final String NO_STATUS = "none";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    /**
     * From a cached thread read (well under 5 ms) to a slow upload; a dozen buckets per series keep a
     * scrape small. Live streams last minutes and land in the last, open bucket.
     */
    private static final Duration[] BOUNDARIES = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5)};

    private record Key(String route, String method, int status) {
    }

    private final MeterRegistry registry;
    /** Saves building and looking up a meter id (tags sorted, a map keyed by it) on every request. */
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(RoutingRequest req, RoutingResponse res, long nanos) {
        String method = req.prologue().method().text();
        Key key = new Key(req.matchingPattern().filter(pattern -> !pattern.isEmpty()).orElse(UNMATCHED),
                METHODS.contains(method) ? method : OTHER_METHOD, res.isSent() ? res.status().code() : 0);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder(METER)
                .description("HTTP requests by route pattern, method and status")
                .tag("route", key.route())
                .tag("method", key.method())
                .tag("status", key.status() == 0 ? NO_STATUS : Integer.toString(key.status()))
                .serviceLevelObjectives(BOUNDARIES)
                .register(registry);
    }
}
