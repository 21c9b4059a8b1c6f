package org.parley.identity;

/**
 * How the readers' acts on one thing (votes on a comment, reports of it) add up: how many were cast, how many
 * count (brand-new readers count as {@link Voice} says), and how many came from the one network that sent the
 * most — a delegation: an IPv4 address, or an IPv6 /48 however many /64s it spread them over — so a
 * moderator can see a crowd that is really one place.
 */
public record Voices(int cast, int counted, int fromBusiestNetwork) {

    /** Nothing cast. */
    public static final Voices NONE = new Voices(0, 0, 0);

    /** Fewer acts than this from one network are never called "mostly one network": two flatmates agree. */
    private static final int NOTABLE = 3;

    /**
     * The acts from one network (a delegation): {@code cast} of them, {@code counted} as they count; {@code known}
     * is false for acts whose network was never recorded (made before Parley recorded networks), which are no
     * network's.
     */
    public static Voices ofNetwork(boolean known, int cast, int counted) {
        return new Voices(cast, counted, known ? cast : 0);
    }

    /** These acts and {@code other}'s together, when no network sent both (so counts add). */
    public Voices plus(Voices other) {
        return new Voices(cast + other.cast, counted + other.counted, Math.max(fromBusiestNetwork, other.fromBusiestNetwork));
    }

    /** True when more than half of the acts, and at least three, came from one network address. */
    public boolean mostlyOneNetwork() {
        return fromBusiestNetwork >= NOTABLE && fromBusiestNetwork * 2 > cast;
    }

    /** True when some acts do not count: brand-new readers of one household counted once, of one delegation a few times. */
    public boolean discounted() {
        return counted < cast;
    }
}
