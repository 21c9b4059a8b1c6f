package org.parley.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Headers every response carries. Parley's own pages get a CSP that allows only Parley's own scripts
 * and styles; API responses forbid everything (they are data, never documents); widget files may be
 * loaded by any page, since newsrooms embed them.
 */
final class SecurityHeaders implements Filter {

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().path();
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header("Referrer-Policy", "strict-origin-when-cross-origin");
        if (path.startsWith("/widget/")) {
            res.header("Cross-Origin-Resource-Policy", "cross-origin");
        } else if (path.startsWith("/api/")) {
            res.header("Content-Security-Policy", DATA_POLICY);
        } else {
            res.header("Content-Security-Policy", PAGE_POLICY);
            res.header("X-Frame-Options", "DENY");
        }
        chain.proceed();
    }
}
