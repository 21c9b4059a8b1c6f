package org.parley.identity;

/**
 * Who stands behind one reader's vote, report or block when such acts are counted. Brand-new readers (see
 * {@link IdentityConfig#newGuestFor()}) on one network count as one voice together, so a pile of fresh guest
 * tokens from one place weighs what one reader does; everyone else counts as themselves.
 *
 * @param network  a keyed hash of the network the act came from (see {@code ClientAddress.network}); never the
 *                 address, and meaningless outside this installation
 * @param newcomer whether the reader was brand-new on the site when they acted
 */
public record Voice(String network, boolean newcomer) {
}
