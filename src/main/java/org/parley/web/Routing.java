package org.parley.web;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import org.parley.http.ParleyException;
import org.parley.sites.Sites;

/**
 * The server's routing, in the order a request meets it: the filters every request passes (access log,
 * forwarded addresses, security headers, CORS per site), the features' API under {@code /api/v1}, the pages
 * at the root, and last how a failure becomes a problem response.
 */
final class Routing {

    private Routing() {
    }

    static void build(HttpRouting.Builder routing, Meters meters, Sites sites, Problems problems, ForwardedFor forwardedFor,
                      List<HttpService> api, List<HttpService> pages) {
        routing.addFilter(new AccessLog(meters.requests()))
                .addFilter(forwardedFor)
                .addFilter(new SecurityHeaders())
                .addFilter(new Cors(sites, problems));
        api.forEach(service -> routing.register("/api/v1", service));
        pages.forEach(routing::register);
        routing.any(problems::noRoute)
                .error(ParleyException.class, problems::handle)
                .error(HttpException.class, problems::handleHttp)
                .error(Exception.class, problems::unexpected);
    }
}
