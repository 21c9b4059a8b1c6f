package org.parley.http;

/**
 * A kind of failure a client can act on, rendered as an RFC 9457 problem. Problem types are enum
 * constants; the slug is the constant's name in kebab case ({@code COMMENT_TOO_LONG} is
 * {@code comment-too-long}) and part of the public API: clients switch on it, so a constant is never
 * renamed once shipped.
 */
public interface ProblemType {

    /** The enum constant's name. */
    String name();

    /** Stable, kebab-case identifier, e.g. {@code comment-too-long}. */
    default String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** HTTP status code, always 4xx for a client's mistake. */
    int status();

    /** Short human summary of the kind, the same for every occurrence. */
    String title();

    /** The problem's {@code type} URI; not meant to be dereferenced. */
    default String uri() {
        return "urn:parley:problem:" + slug();
    }
}
