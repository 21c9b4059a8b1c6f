package org.parley.comments;

/**
 * A comment's HTML from another system's export, cleaned as it is made: whatever HTML it is given, it holds only what
 * the allow-list for new comments lets through ({@link CommentRenderer#clean}). So an {@link ArchivedComment} can never
 * carry uncleaned HTML, and an import can clean a page on one thread while it stores the page before on another.
 * Cleaning clean HTML changes nothing.
 *
 * @param html the cleaned HTML
 */
public record ArchivedHtml(String html) {

    public ArchivedHtml {
        if (html == null) {
            throw new IllegalArgumentException("archived html must not be null; an empty comment is an empty string");
        }
        html = CommentRenderer.clean(html).html();
    }
}
