package org.parley.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.parley.http.RequestProblem;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;

/**
 * Cross-origin rules for the API: a browser page may call {@code /api/v1/sites/{site}/…} only from an
 * origin that site lists. Preflights are answered here; a cross-origin request from any other origin
 * gets a 403 problem that names the origin, so a newsroom sees at once what to configure. Requests
 * without an Origin (servers, curl) and same-origin requests pass.
 */
final class Cors implements Filter {

    private static final String SITE_PREFIX = "/api/v1/sites/";

    private final Sites sites;
    private final Problems problems;

    Cors(Sites sites, Problems problems) {
        this.sites = sites;
        this.problems = problems;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            chain.proceed();
            return;
        }
        Optional<Site> site = siteOf(req.prologue().uriPath().path());
        if (site.isEmpty() || sameOrigin(origin.get(), req.authority())) {
            chain.proceed();
            return;
        }
        if (!site.get().allowsOrigin(origin.get().toLowerCase(Locale.ROOT))) {
            // Readable by the refused page on purpose: the widget then shows why instead of "unreachable".
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
            problems.send(res, 403, problems.body(RequestProblem.ORIGIN_NOT_ALLOWED,
                    "Origin " + origin.get() + " may not use site '" + site.get().id() + "'; add it to the site's origins.",
                    req.prologue().uriPath().path()));
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
        res.header(HeaderNames.VARY, "Origin");
        boolean preflight = req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (preflight) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE");
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, Last-Event-ID, If-None-Match");
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            res.status(204).send();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Location, Retry-After");
        chain.proceed();
    }

    private Optional<Site> siteOf(String path) {
        if (!path.startsWith(SITE_PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', SITE_PREFIX.length());
        String id = end < 0 ? path.substring(SITE_PREFIX.length()) : path.substring(SITE_PREFIX.length(), end);
        return SiteId.isValid(id) ? sites.find(new SiteId(id)) : Optional.empty();
    }

    /** Same origin when the Origin's host and port are the ones this request was sent to. */
    static boolean sameOrigin(String origin, String authority) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String host = authority.toLowerCase(Locale.ROOT);
            String expected = uri.getHost().toLowerCase(Locale.ROOT);
            return host.equals(expected + ":" + port) || (host.equals(expected) && (port == 80 || port == 443));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
