package org.parley.moderation;

/**
 * Facts about moderation, published on the event bus on the node where they happened, after the change
 * committed. They stay on that node (they are not shared), so each is delivered once in the cluster and
 * may carry the record the audit log or the reports table keeps, rather than only ids.
 */
public sealed interface ModerationEvent {

    /** A moderator's action committed; {@code entry} is its audit log entry (approve, reject, ban, suspend, warn, lift…). */
    record ModeratorActed(AuditEntry entry) implements ModerationEvent {
    }

    /** A reader's report of a comment was stored. */
    record CommentReported(Report report) implements ModerationEvent {
    }
}
