package org.parley.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** Small, strict readers for the parts of a request every route needs: bearer tokens and query values. */
public final class Requests {

    private Requests() {
    }

    /** The token of an {@code Authorization: Bearer …} header, if the request carries one. */
    public static Optional<String> bearer(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(token -> !token.isEmpty());
    }

    /** A query parameter that must be present once and non-empty. */
    public static String requiredQuery(ServerRequest req, String name) {
        var values = req.query().all(name, java.util.List::of);
        if (values.isEmpty() || values.getFirst().isBlank()) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                    "Query parameter '" + name + "' is required.", java.util.List.of(new FieldError(name, "is required")));
        }
        if (values.size() > 1) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                    "Query parameter '" + name + "' must be given once.", java.util.List.of(new FieldError(name, "given more than once")));
        }
        return values.getFirst();
    }

    /** An optional query parameter. */
    public static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(value -> !value.isEmpty());
    }

    /** An optional integer query parameter within bounds, or the default. */
    public static int intQuery(ServerRequest req, String name, int min, int max, int fallback) {
        Optional<String> raw = query(req, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                "Query parameter '" + name + "' must be an integer from " + min + " to " + max + ".",
                java.util.List.of(new FieldError(name, "must be an integer from " + min + " to " + max)));
    }
}
