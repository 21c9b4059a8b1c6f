package org.parley.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.parley.http.ParleyException;
import org.parley.http.Requests;
import org.parley.store.Ids;

/**
 * {@code GET /metrics}: Parley's meters ({@link Meters}) in Prometheus' text format, never cached. With
 * {@code metrics.token} set, only for a request that sends it as {@code Authorization: Bearer <token>}
 * (else 401 {@code invalid-metrics-token}); without it, for anyone who reaches the port, so the proxy in
 * front should then keep {@code /metrics} to itself.
 * {@code curl -H "Authorization: Bearer $PARLEY_METRICS_TOKEN" localhost:8080/metrics}
 */
final class MetricsRoutes implements HttpService {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Meters meters;
    /** Tokens are compared as SHA-256 digests, in constant time: neither the content nor the length leaks. */
    private final Optional<byte[]> tokenDigest;

    MetricsRoutes(Meters meters, ParleyConfig.Metrics config) {
        this.meters = meters;
        this.tokenDigest = config.token().map(MetricsRoutes::digest);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        if (tokenDigest.isPresent() && !Requests.bearer(req).map(MetricsRoutes::digest)
                .map(given -> MessageDigest.isEqual(given, tokenDigest.get())).orElse(false)) {
            throw new ParleyException.Forbidden(MetricsProblem.INVALID_METRICS_TOKEN,
                    "Send the metrics token (metrics.token) as 'Authorization: Bearer <token>'.");
        }
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(meters.scrape());
    }

    private static byte[] digest(String token) {
        return Ids.digest(token).getBytes(StandardCharsets.US_ASCII);
    }
}
