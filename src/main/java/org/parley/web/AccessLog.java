package org.parley.web;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path (an excerpt when long), status, duration. Never the query string or
 * headers, which may carry tokens or page keys a newsroom considers private. A request whose connection
 * ended before any response (a client gone, a body that stopped arriving) shows "-" as its status.
 * Logger {@code parley.access}.
 */
final class AccessLog implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger("parley.access");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            if (LOG.isInfoEnabled()) {
                LOG.info("{} {} {} {}ms", LogExcerpt.of(req.prologue().method().text()), LogExcerpt.of(req.prologue().uriPath().path()),
                        res.isSent() ? res.status().code() : "-", (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
