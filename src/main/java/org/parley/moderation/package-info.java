/**
 * Moderation: readers' reports and notices, sanctions (bans, suspensions, warnings, each within the
 * acting moderator's scope), per-site and per-page rules, word-list changes, the moderators' queues,
 * cases and actions, and the append-only audit log. Door: {@link org.parley.moderation.Moderation}; it
 * acts on comments through their door, gives screening each page's rules and each commenter's
 * sanctions, and the desk ({@code org.parley.desk}) is its user interface. Events: a
 * {@link org.parley.moderation.ModerationEvent} after each report and each moderator's action (kept on
 * the node where it happened); other features' staff changes (webhooks) are audited through the door. Tables:
 * {@code moderation_settings}, {@code sanctions}, {@code reports}, {@code nudges}, {@code audit_log}.
 */
package org.parley.moderation;
