package org.parley.comments;

/** The queues of comments moderators work through. Reports are moderation's own queue. */
public enum ReviewQueue {
    /** Held for a moderator before anyone sees them. */
    PENDING,
    /** Published, but a signal asked for a moderator's look. */
    FLAGGED,
    /** Looked at and kept. */
    APPROVED,
    /** Refused by screening or by a moderator. */
    REJECTED
}
