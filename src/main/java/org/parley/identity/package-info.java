/**
 * Who is asking. Door: {@link org.parley.identity.Identity}. Every reader has a {@link org.parley.identity.ReaderId}:
 * a guest, identified by a bearer token the widget keeps (table {@code guests} stores only its digest, with a
 * pseudonym of the network it was made from), or a signed-in account (tables {@code accounts},
 * {@code account_logins}), whose sessions are bearer tokens too ({@code reader_sessions}, digests only). Each site's
 * {@link org.parley.identity.ReaderPolicy} says whether guests may write and which realm its accounts live in; no
 * guest may show a name an account of the realm holds. Readers' blocks live here ({@code blocks}). Guests are cheap,
 * so identity also limits how many one network makes and says how much a reader's acts weigh
 * ({@link org.parley.identity.Voice}); network pseudonyms are keyed by a secret in {@code identity_secrets}. The ways
 * of signing in live in the {@code logins} feature. Routes: {@code POST /api/v1/sites/{site}/guests},
 * {@code GET …/me}, {@code DELETE …/sessions/current}, {@code DELETE …/sessions}.
 */
package org.parley.identity;
