package org.parley.http;

/**
 * A kind of failure a client can act on, rendered as an RFC 9457 problem.
 * The slug is part of the public API: clients switch on it, so it never changes once shipped.
 */
public interface ProblemType {

    /** Stable, kebab-case identifier, e.g. {@code comment-too-long}. */
    String slug();

    /** HTTP status code, always 4xx for a client's mistake. */
    int status();

    /** Short human summary of the kind, the same for every occurrence. */
    String title();

    /** The problem's {@code type} URI; not meant to be dereferenced. */
    default String uri() {
        return "urn:parley:problem:" + slug();
    }
}
