/**
 * Signed webhooks per site. Site admins (admins and a site's site-wide moderators) register endpoints
 * through the dashboard or {@code /api/v1/sites/{site}/webhooks}; Parley then posts what happens on the
 * site to them, signed as the Standard Webhooks specification describes.
 *
 * <p>Door: {@link org.parley.webhooks.Webhooks}. It listens on the event bus for committed facts
 * ({@code CommentEvent.CommentPosted}, {@code ModerationEvent}), writes one outbox row per interested
 * endpoint, and a sender on every node claims due rows with a lease, posts them and logs each attempt.
 * Tables: {@code webhook_endpoints}, {@code webhook_messages} (the outbox), {@code webhook_attempts}
 * (the delivery log). Changes to endpoints go into moderation's audit log.
 */
package org.parley.webhooks;
