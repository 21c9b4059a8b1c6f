package org.parley.comments;

import java.time.Instant;

/**
 * A text of a comment that its author replaced by editing it, as moderators see it beside the current
 * one.
 *
 * @param number     1 for the text before the first edit, 2 before the second, …
 * @param source     what the comment said before that edit
 * @param status     where the comment stood then: published or pending
 * @param approved   a moderator had approved that text: the edit changed what they let through
 * @param replacedAt when the edit replaced it
 */
public record Revision(int number, Markdown source, CommentStatus status, boolean approved, Instant replacedAt) {
}
