/**
 * Telling readers what happened to their comments: an email for each reply (or one a day listing them), never
 * from a muted thread or a reader they blocked, and an email when a moderator rejects their comment with a
 * reason. Door: {@link org.parley.notify.Notify}. Emails go through the mail feature's outbox, written after the
 * comment's transaction committed; only signed-in readers with a verified address get any. Tables
 * {@code notification_settings}, {@code muted_pages}, {@code reply_notices}. Routes:
 * {@code GET|PUT /api/v1/sites/{site}/me/notifications}, {@code PUT|DELETE /api/v1/sites/{site}/me/muted-pages}.
 */
package org.parley.notify;
