/**
 * Who is asking. Door: {@link org.parley.identity.Identity}. Today: guests, identified by a bearer token
 * the widget keeps (table {@code guests} stores only its digest, with a pseudonym of the network it was made
 * from), and readers' blocks (table {@code blocks}). Guests are cheap, so identity also limits how many one
 * network makes and says how much a guest's acts weigh ({@link org.parley.identity.Voice}); network
 * pseudonyms are keyed by a secret in table {@code identity_secrets}. Moderator accounts and single sign-on
 * join here. Route: {@code POST /api/v1/sites/{site}/guests}.
 */
package org.parley.identity;
