package org.parley.identity;

import java.time.Duration;

/**
 * How guests are made and weighed.
 *
 * @param guestsPerAddressPerMinute new guests one network address may create at once (refilled over a minute)
 * @param guestsPerAddressPerHour   new guests one network address may create in an hour
 * @param newGuestFor               how long after its creation a guest counts as brand-new:
 *                                  its votes, reports and blocks then count once per network address
 * @param traceFor                  how long the keyed hashes of the networks and browsers a reader wrote from are kept,
 *                                  to show moderators new readers writing from a banned reader's
 */
public record IdentityConfig(int guestsPerAddressPerMinute, int guestsPerAddressPerHour, Duration newGuestFor, Duration traceFor) {

    /** Default new guests per address per minute: twenty colleagues behind one office NAT starting at once. */
    public static final int DEFAULT_GUESTS_PER_MINUTE = 20;
    /** Default new guests per address per hour: a new reader every half minute, all hour, from one address. */
    public static final int DEFAULT_GUESTS_PER_HOUR = 120;
    /** Default brand-new period: a day, longer than a burst of fake accounts is worth waiting for on a news story. */
    public static final int DEFAULT_NEW_GUEST_HOURS = 24;
    /** Default days traces are kept: long enough for a banned reader's return, short enough that addresses change hands rarely. */
    public static final int DEFAULT_TRACE_DAYS = 30;

    public IdentityConfig {
        if (guestsPerAddressPerMinute < 1 || guestsPerAddressPerHour < 1) {
            throw new IllegalArgumentException("guest limits must be at least 1, were " + guestsPerAddressPerMinute
                    + " per minute and " + guestsPerAddressPerHour + " per hour");
        }
        if (newGuestFor.isNegative() || traceFor.isNegative()) {
            throw new IllegalArgumentException("newGuestFor and traceFor must not be negative, were " + newGuestFor + " and " + traceFor);
        }
    }

    /** Limits with the default trace retention. */
    public IdentityConfig(int guestsPerAddressPerMinute, int guestsPerAddressPerHour, Duration newGuestFor) {
        this(guestsPerAddressPerMinute, guestsPerAddressPerHour, newGuestFor, Duration.ofDays(DEFAULT_TRACE_DAYS));
    }

    public static IdentityConfig defaults() {
        return new IdentityConfig(DEFAULT_GUESTS_PER_MINUTE, DEFAULT_GUESTS_PER_HOUR, Duration.ofHours(DEFAULT_NEW_GUEST_HOURS));
    }
}
