package org.parley.comments;

/**
 * HTML that came out of Parley's renderer and sanitizer: the only HTML a page may insert as markup.
 * Only {@link CommentRenderer} makes new values; the store hands back what the renderer wrote.
 */
public record SafeHtml(String html) {

    public SafeHtml {
        if (html == null) {
            throw new IllegalArgumentException("html must not be null");
        }
    }
}
