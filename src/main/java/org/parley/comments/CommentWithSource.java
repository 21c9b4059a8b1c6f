package org.parley.comments;

/** A comment with its markdown source, for its author's edit form. */
public record CommentWithSource(Comment comment, Markdown source) {
}
