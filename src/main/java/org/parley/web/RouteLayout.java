package org.parley.web;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import org.parley.http.ParleyException;
import org.parley.sites.Sites;

/**
 * How the server is started and its routing laid out: filters in the order every request passes them, the
 * features' API under {@code /api/v1}, pages at the root, and every failure turned into a problem response
 * in one place.
 */
final class RouteLayout {

    /**
     * Largest request the server reads at all: a word-list save (4 MiB) and the longest comment a site may
     * allow, escaped character by character as JSON allows, fit. Endpoints set tighter limits of their own.
     */
    private static final long MAX_PAYLOAD_BYTES = 5 << 20;

    private RouteLayout() {
    }

    /**
     * Starts the server as configured with this layout: the access log, forwarded addresses, security headers
     * and CORS per site in front of {@code api} and {@code pages}.
     */
    static HttpServer serve(ParleyConfig config, Meters meters, Sites sites, List<HttpService> api, List<HttpService> pages) {
        Problems problems = new Problems();
        List<Filter> filters = List.of(new AccessLog(meters.requests()), new ForwardedFor(config.server().trustedProxies()),
                new SecurityHeaders(), new Cors(sites, problems));
        // Image uploads are the largest bodies; every other endpoint enforces its own, lower limit.
        return HttpServer.start(config.server(), Math.max(MAX_PAYLOAD_BYTES, config.media().maxUploadBytes() + 1),
                problems.directHandlers(), routing -> wire(routing, filters, problems, api, pages));
    }

    static void wire(HttpRouting.Builder routing, List<Filter> filters, Problems problems, List<HttpService> api,
                     List<HttpService> pages) {
        filters.forEach(routing::addFilter);
        api.forEach(service -> routing.register("/api/v1", service));
        pages.forEach(routing::register);
        routing.any(problems::noRoute)
                .error(ParleyException.class, problems::handle)
                .error(HttpException.class, problems::handleHttp)
                .error(Exception.class, problems::unexpected);
    }
}
