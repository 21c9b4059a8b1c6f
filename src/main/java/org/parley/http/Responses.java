package org.parley.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Sends prepared bodies with conditional-request and gzip handling, so cached reads cost no encoding. */
public final class Responses {

    private Responses() {
    }

    /**
     * Sends {@code body} with its ETag and {@code cacheControl}; answers 304 to a matching
     * {@code If-None-Match} and sends the gzip form to clients that accept it.
     */
    public static void send(ServerRequest req, ServerResponse res, EncodedBody body, String cacheControl) {
        res.header(HeaderNames.ETAG, body.etag());
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        // Authorization: a reader's token can turn the same URL into their own view of a thread.
        res.header(HeaderNames.VARY, "Accept-Encoding, Origin, Authorization");
        if (matches(req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(""), body.etag())) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, body.contentType());
        if (body.hasGzip() && acceptsGzip(req)) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(body.gzip());
        } else {
            res.send(body.plain());
        }
    }

    /** Whether an {@code If-None-Match} value names {@code etag}, weakly or strongly, or is {@code *}. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(ServerRequest req) {
        for (String value : req.headers().all(HeaderNames.ACCEPT_ENCODING, java.util.List::of)) {
            for (String coding : value.split(",")) {
                String[] parts = coding.strip().split(";");
                if (parts[0].strip().equalsIgnoreCase("gzip") && !(parts.length > 1 && parts[1].replace(" ", "").equals("q=0"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
