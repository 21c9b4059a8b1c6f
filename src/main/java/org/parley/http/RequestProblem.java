package org.parley.http;

/** Problems with the shape of a request, shared by every feature's routes. */
public enum RequestProblem implements ProblemType {
    MALFORMED_JSON("malformed-json", 400, "Request body is not valid JSON"),
    INVALID_UTF8("invalid-utf8", 400, "Request body is not valid UTF-8"),
    INVALID_FIELD("invalid-field", 400, "Request has invalid fields"),
    INVALID_PARAMETER("invalid-parameter", 400, "Request has an invalid parameter"),
    MISSING_BODY("missing-body", 400, "Request body is missing"),
    BAD_REQUEST("bad-request", 400, "Request could not be understood"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Request body must be application/json"),
    BODY_TOO_LARGE("body-too-large", 413, "Request body is too large"),
    URI_TOO_LONG("uri-too-long", 414, "Request URL is too long"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request headers are too large"),
    AUTHENTICATION_REQUIRED("authentication-required", 401, "Authentication required"),
    ORIGIN_NOT_ALLOWED("origin-not-allowed", 403, "Origin not allowed for this site"),
    NO_SUCH_ROUTE("no-such-route", 404, "No such endpoint");

    private final String slug;
    private final int status;
    private final String title;

    RequestProblem(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
