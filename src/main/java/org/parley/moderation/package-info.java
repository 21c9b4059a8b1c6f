/**
 * Moderation: screening every new comment and every author's edit (signals → policy → published, held
 * or rejected, each reason kept with the comment), readers' reports, sanctions (bans, suspensions, warnings), per-site rules and
 * word lists, the moderators' queues and actions, and the append-only audit log. Door:
 * {@link org.parley.moderation.Moderation}; it implements {@link org.parley.comments.Screening} for the
 * comments feature and acts on comments through their door. Adding a signal is one class implementing
 * {@code Signal}. Tables: {@code moderation_settings}, {@code word_terms}, {@code sanctions},
 * {@code reports}, {@code reply_turns}, {@code fingerprints}, {@code audit_log}.
 */
package org.parley.moderation;
