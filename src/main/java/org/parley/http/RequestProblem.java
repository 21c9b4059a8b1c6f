package org.parley.http;

/** Problems with the shape of a request, shared by every feature's routes. */
public enum RequestProblem implements ProblemType {
    MALFORMED_JSON(400, "Request body is not valid JSON"),
    INVALID_UTF8(400, "Request body is not valid UTF-8"),
    INVALID_FIELD(400, "Request has invalid fields"),
    INVALID_PARAMETER(400, "Request has an invalid parameter"),
    MISSING_BODY(400, "Request body is missing"),
    BAD_REQUEST(400, "Request could not be understood"),
    UNSUPPORTED_MEDIA_TYPE(415, "Request body must be application/json"),
    BODY_TOO_LARGE(413, "Request body is too large"),
    URI_TOO_LONG(414, "Request URL is too long"),
    HEADERS_TOO_LARGE(431, "Request headers are too large"),
    REQUEST_TIMEOUT(408, "Request took too long to arrive"),
    AUTHENTICATION_REQUIRED(401, "Authentication required"),
    ORIGIN_NOT_ALLOWED(403, "Origin not allowed for this site"),
    NO_SUCH_ROUTE(404, "No such endpoint");

    private final int status;
    private final String title;

    RequestProblem(int status, String title) {
        this.status = status;
        this.title = title;
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
