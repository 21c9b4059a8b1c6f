package org.parley.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.UUID;
import org.parley.http.FieldError;
import org.parley.http.Json;
import org.parley.http.ParleyException;
import org.parley.http.ProblemType;
import org.parley.http.RequestProblem;
import org.parley.staff.StaffProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that writes RFC 9457 {@code application/problem+json}: for Parley's own failures, for
 * Helidon's HTTP exceptions, for requests the server rejects before routing (oversized, unparseable),
 * and — as a 500 with an id that is also logged with the stack — for anything unexpected.
 */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final ObjectMapper json = Json.mapper();

    void handle(ServerRequest req, ServerResponse res, ParleyException e) {
        ObjectNode body = body(e.type(), e.detail(), req.prologue().uriPath().path());
        switch (e) {
            case ParleyException.InvalidInput invalid when !invalid.errors().isEmpty() -> {
                ArrayNode errors = body.putArray("errors");
                for (FieldError error : invalid.errors()) {
                    errors.addObject().put("field", error.field()).put("message", error.message());
                }
            }
            case ParleyException.RateLimited limited ->
                    res.header(HeaderNames.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
            case ParleyException.Unavailable unavailable ->
                    res.header(HeaderNames.RETRY_AFTER, Long.toString(unavailable.retryAfterSeconds()));
            default -> {
            }
        }
        // Bearer-token APIs say how to authenticate; the dashboard's cookie sign-in is a page, not a scheme.
        if (e.type().status() == 401 && e.type() != StaffProblem.STAFF_LOGIN_REQUIRED) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        send(res, e.type().status(), body);
    }

    void handleHttp(ServerRequest req, ServerResponse res, HttpException e) {
        int status = e.status().code();
        if (status >= 500) {
            unexpected(req, res, e);
            return;
        }
        ProblemType type = status == 404 ? RequestProblem.NO_SUCH_ROUTE
                : status == 413 ? RequestProblem.BODY_TOO_LARGE
                : RequestProblem.BAD_REQUEST;
        send(res, status, body(type, e.getMessage() == null ? type.title() + "." : e.getMessage(), req.prologue().uriPath().path()));
    }

    void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        String incident = UUID.randomUUID().toString();
        // Messages can quote the request (a path, a header, a body line): log excerpts only, and the path as
        // sent, since a decoded %0A would start a forged line in a text log.
        LOG.error("incident {} on {} {}", incident, LogExcerpt.of(req.prologue().method().text()),
                LogExcerpt.of(req.prologue().uriPath().rawPath()), LogExcerpt.of(e));
        ObjectNode body = json.createObjectNode()
                .put("type", "urn:parley:problem:internal-error")
                .put("title", "Internal server error")
                .put("status", 500)
                .put("detail", "Something went wrong on our side; it has been logged as incident " + incident + ".")
                .put("instance", "urn:parley:incident:" + incident);
        send(res, 500, body);
    }

    /** Answers "no such endpoint" for any request no route took. */
    void noRoute(ServerRequest req, ServerResponse res) {
        String target = req.prologue().method().text() + " " + req.prologue().uriPath().path();
        send(res, 404, body(RequestProblem.NO_SUCH_ROUTE,
                "There is no endpoint " + target + "; the API is described at /api/v1/openapi.json.", req.prologue().uriPath().path()));
    }

    /**
     * Problem bodies for requests the server rejects before routing or while reading them: bad framing,
     * oversized parts, requests too slow to arrive. None of these is the server's fault, so none is a 5xx
     * (Helidon would say 505 to an HTTP version it does not speak and 501 to a transfer coding it lacks).
     */
    DirectHandlers directHandlers() {
        DirectHandler handler = (request, eventType, status, headers, message) -> {
            ProblemType type = switch (status.code()) {
                case 408 -> RequestProblem.REQUEST_TIMEOUT;
                case 413 -> RequestProblem.BODY_TOO_LARGE;
                case 414 -> RequestProblem.URI_TOO_LONG;
                case 431 -> RequestProblem.HEADERS_TOO_LARGE;
                default -> RequestProblem.BAD_REQUEST;
            };
            int code = status.code() >= 500 && status.code() != 503 ? 400 : status.code();
            String said = message == null || message.isBlank() ? "" : LogExcerpt.of(message.strip());
            String detail = switch (status.code()) {
                case 408 -> said.isEmpty() ? "The request took too long to arrive." : said;
                case 413 -> "The request body is larger than this server accepts.";
                case 414 -> "The URL is longer than this server accepts; send long values in a request body.";
                case 431 -> "The request headers are larger than this server accepts.";
                default -> "The request could not be parsed" + (said.isEmpty() ? "" : ": " + said)
                        + (said.endsWith(".") ? "" : ".") + " Check the request line, the headers, the body's framing"
                        + " and the percent-encoding of the path and query.";
            };
            ObjectNode body = body(type, detail, LogExcerpt.of(request.path()));
            body.put("status", code);
            ServerResponseHeaders out = ServerResponseHeaders.create();
            out.set(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
            return DirectHandler.TransportResponse.builder()
                    .status(Status.create(code))
                    .headers(out)
                    .entity(Json.bytes(json, body))
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            if (type != DirectHandler.EventType.INTERNAL_ERROR) {
                builder.addHandler(type, handler);
            }
        }
        return builder.build();
    }

    ObjectNode body(ProblemType type, String detail, String instance) {
        return json.createObjectNode()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail)
                .put("instance", instance);
    }

    void send(ServerResponse res, int status, ObjectNode body) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(Json.bytes(json, body));
    }
}
