package org.parley.comments;

/** How a commenter's comments on one site have fared, for the moderator judging their next one. */
public record AuthorStats(int published, int pending, int rejected, int deleted) {
}
