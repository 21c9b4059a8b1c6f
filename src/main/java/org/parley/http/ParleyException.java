package org.parley.http;

import java.util.List;

/**
 * Every expected failure in Parley: each subtype says how a client should see it, and carries a
 * {@link ProblemType} with a stable slug. The web layer turns these into problem responses in one place.
 */
public abstract sealed class ParleyException extends RuntimeException {

    private final ProblemType type;

    ParleyException(ProblemType type, String detail, Throwable cause) {
        super(detail, cause);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** Human-readable detail for this occurrence: says what and which, never holds secrets. */
    public String detail() {
        return getMessage();
    }

    /** The request is malformed or breaks a rule; lists every offending field it found. */
    public static final class InvalidInput extends ParleyException {
        private final List<FieldError> errors;

        public InvalidInput(ProblemType type, String detail, List<FieldError> errors) {
            super(type, detail, null);
            this.errors = List.copyOf(errors);
        }

        public InvalidInput(ProblemType type, String detail) {
            this(type, detail, List.of());
        }

        public InvalidInput(ProblemType type, String detail, Throwable cause) {
            super(type, detail, cause);
            this.errors = List.of();
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The thing asked for does not exist (or is not visible to the caller). */
    public static final class NotFound extends ParleyException {
        public NotFound(ProblemType type, String detail) {
            super(type, detail, null);
        }
    }

    /** The caller is not identified, or is identified but not allowed to do this. */
    public static final class Forbidden extends ParleyException {
        public Forbidden(ProblemType type, String detail) {
            super(type, detail, null);
        }
    }

    /** The request is valid but the current state does not allow it (closed page, closed edit window). */
    public static final class Conflict extends ParleyException {
        public Conflict(ProblemType type, String detail) {
            super(type, detail, null);
        }
    }

    /** Too many requests; the client may retry after the given number of seconds. */
    public static final class RateLimited extends ParleyException {
        private final long retryAfterSeconds;

        public RateLimited(ProblemType type, String detail, long retryAfterSeconds) {
            super(type, detail, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * Parley cannot take this request right now for reasons of its own (a resource it shares between
     * requests is spent), not because of anything the client did; the same request may succeed after the
     * given number of seconds.
     */
    public static final class Unavailable extends ParleyException {
        private final long retryAfterSeconds;

        public Unavailable(ProblemType type, String detail, long retryAfterSeconds) {
            super(type, detail, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
