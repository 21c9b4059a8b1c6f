/**
 * Who is asking. Door: {@link org.parley.identity.Identity}. Today: guests, identified by a bearer token
 * the widget keeps (table {@code guests} stores only its digest). Moderator accounts and single sign-on
 * join here. Route: {@code POST /api/v1/sites/{site}/guests}.
 */
package org.parley.identity;
