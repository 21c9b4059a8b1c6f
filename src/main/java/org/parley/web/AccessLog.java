package org.parley.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per request: method, path (an excerpt when long), status, duration. Never the query string,
 * headers or the client's address, which may carry tokens, page keys a newsroom considers private, or
 * personal data. A request whose connection ended before any response (a client gone, a body that stopped
 * arriving) shows "-" as its status. Logger {@code parley.access}.
 * <p>
 * Each request has an id, sent back as {@code X-Request-Id} and put in the logging MDC as {@code requestId},
 * so every line logged while serving it (an incident's stack trace too) can be found from a response. An id
 * a proxy already gave the request is kept when it is short and plain; otherwise Parley makes one. The line
 * also carries the request's fields as key-value pairs (route pattern, method, status, duration, id), which
 * the JSON log format writes as fields and the text format leaves out. The same measure times the request
 * for {@code /metrics} ({@link RequestTimers}).
 */
final class AccessLog implements Filter {

    static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    static final String MDC_KEY = "requestId";
    /** What a proxy's id may look like to be trusted into logs and headers: no spaces, quotes or controls. */
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger("parley.access");

    private final RequestTimers timers;

    AccessLog(RequestTimers timers) {
        this.timers = timers;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String id = req.headers().first(REQUEST_ID).filter(given -> PLAIN_ID.matcher(given).matches())
                .orElseGet(AccessLog::newId);
        res.header(REQUEST_ID, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.proceed();
        } finally {
            long nanos = System.nanoTime() - start;
            timers.record(req, res, nanos);
            if (LOG.isInfoEnabled()) {
                log(req, res, id, nanos / 1_000_000);
            }
            MDC.remove(MDC_KEY);
        }
    }

    private static void log(RoutingRequest req, RoutingResponse res, String id, long millis) {
        String method = LogExcerpt.of(req.prologue().method().text());
        // The raw path, as the client sent it: decoded, a %0A would start a forged line in the text log.
        String path = LogExcerpt.of(req.prologue().uriPath().rawPath());
        // Helidon records the pattern that matched ("/api/v1/sites/{site}/thread"); no route matched: the path.
        String route = req.matchingPattern().filter(pattern -> !pattern.isEmpty()).orElse(path);
        Integer status = res.isSent() ? res.status().code() : null;
        LOG.atInfo()
                .addKeyValue("route", route)
                .addKeyValue("method", method)
                .addKeyValue("status", status)
                .addKeyValue("durationMs", millis)
                .addKeyValue(MDC_KEY, id)
                .log("{} {} {} {}ms", method, path, status == null ? "-" : status, millis);
    }

    /** 64 random bits: unique enough to find one request among a day's logs, cheap to make. */
    private static String newId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
