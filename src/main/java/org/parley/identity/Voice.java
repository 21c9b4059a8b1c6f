package org.parley.identity;

import org.parley.http.ClientAddress;

/**
 * Who stands behind one reader's vote, report or block when such acts are counted. Brand-new readers (see
 * {@link IdentityConfig#newGuestFor()}) on one household network count as one voice together, and those of
 * one delegation as at most {@value #MOST_PER_DELEGATION}, so a pile of fresh guest tokens from one place —
 * however many IPv6 /64s it holds — weighs what a few readers do; everyone else counts as themselves.
 *
 * @param network    a keyed hash of the household network the act came from ({@code ClientAddress.household}: an
 *                   IPv4 address, an IPv6 /56); never the address, and meaningless outside this installation
 * @param delegation a keyed hash of the delegation it came from ({@code ClientAddress.delegation}: the same IPv4
 *                   address, an IPv6 /48)
 * @param newcomer   whether the reader was brand-new on the site when they acted
 */
public record Voice(String network, String delegation, boolean newcomer) {

    /**
     * At most this many brand-new households of one delegation count on one thing (and, for votes, in one
     * direction): one IPv6 customer's /56s beyond these add nothing until their guests are established.
     */
    public static final int MOST_PER_DELEGATION = ClientAddress.DELEGATION_WEIGHT;

    /** How many of {@code households} brand-new households of one delegation count: at most {@value #MOST_PER_DELEGATION}. */
    public static int counted(int households) {
        return Math.min(households, MOST_PER_DELEGATION);
    }
}
