package org.parley.comments;

/** A comment's source text as its author wrote it: untrusted, never inserted into a page as HTML. */
public record Markdown(String source) {

    public Markdown {
        if (source == null) {
            throw new IllegalArgumentException("markdown source must not be null");
        }
    }
}
