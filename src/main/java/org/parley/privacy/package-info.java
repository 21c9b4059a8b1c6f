/**
 * A reader's own data: a copy of everything Parley holds about them, leaving (their comments removed, or kept
 * unsigned under "deleted user"), and the comments they wrote as a guest joining the account they signed in to.
 * Door: {@link org.parley.privacy.Privacy}. It owns no table: identity and comments each give and forget their part.
 * Routes: {@code GET /api/v1/sites/{site}/me/data}, {@code DELETE /api/v1/sites/{site}/me},
 * {@code POST /api/v1/sites/{site}/me/guest-comments}.
 */
package org.parley.privacy;
