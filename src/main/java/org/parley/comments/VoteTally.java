package org.parley.comments;

/** A comment's vote counts after a vote, and the voter's own vote: 1, -1 or 0 for none. */
public record VoteTally(CommentId id, int up, int down, int myVote) {
}
