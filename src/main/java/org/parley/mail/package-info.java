/**
 * Outgoing email. Door: {@link org.parley.mail.Mail}. Callers enqueue an {@link org.parley.mail.OutgoingMail}
 * inside their own write transaction (table {@code mail_outbox}), so an email exists exactly when their write
 * committed; a background sender on each node claims due messages with a lease, sends them over SMTP (Angus
 * Mail) as plain text plus HTML rendered from templates a newsroom may override, retries temporary failures
 * with backoff and records the outcome. Every email of an unsubscribable {@link org.parley.mail.MailCategory}
 * carries an RFC 8058 one-click unsubscribe link, signed with a secret in {@code mail_secrets}; opt-outs are
 * kept in {@code mail_opt_outs} by a keyed hash of the address. Routes: {@code GET} and {@code POST
 * /api/v1/mail/unsubscribe}. No events.
 */
package org.parley.mail;
