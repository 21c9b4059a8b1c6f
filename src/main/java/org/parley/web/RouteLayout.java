package org.parley.web;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import org.parley.http.ParleyException;

/**
 * How the server's routing is laid out: filters in the order every request passes them, the features' API under
 * {@code /api/v1}, pages at the root, and every failure turned into a problem response in one place.
 */
final class RouteLayout {

    private RouteLayout() {
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
