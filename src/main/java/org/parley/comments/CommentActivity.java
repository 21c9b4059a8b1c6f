package org.parley.comments;

/**
 * What readers did through this process's comments door since it started, for monitoring: comments posted
 * by the outcome screening gave them (published, held for a moderator, rejected), edits that went through,
 * and votes set (withdrawals included). Counts only grow; a restart begins again at zero.
 */
public record CommentActivity(long published, long held, long rejected, long edits, long votes) {
}
