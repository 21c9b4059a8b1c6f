package org.parley.comments;

/**
 * A comment's HTML from another system's export, cleaned as it is made: whatever HTML it is given, it holds only what
 * the allow-list for new comments lets through ({@link CommentRenderer#clean}), and the text a reader reads of it. So an
 * {@link ArchivedComment} can never carry uncleaned HTML, and an import does this work for the next page on one thread
 * while it stores the page before on another. Cleaning clean HTML changes nothing.
 *
 * @param html the cleaned HTML
 * @param text what a reader reads of it ({@link SafeHtml#text()}), always worked out from {@code html}: a text given
 *             to the constructor is not trusted and not kept
 */
public record ArchivedHtml(String html, String text) {

    /** Cleans {@code untrustedHtml}. */
    public ArchivedHtml(String untrustedHtml) {
        this(untrustedHtml, "");
    }

    public ArchivedHtml {
        if (html == null) {
            throw new IllegalArgumentException("archived html must not be null; an empty comment is an empty string");
        }
        html = CommentRenderer.clean(html).html();
        text = new SafeHtml(html).text();
    }
}
