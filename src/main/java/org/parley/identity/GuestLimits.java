package org.parley.identity;

import java.time.Clock;
import java.time.Duration;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;
import org.parley.store.Database;

/**
 * How many guests one network address may create: a burst per minute and an allowance per hour, so a
 * newsroom behind one NAT address is served while a script asking for thousands of tokens is refused with a
 * 429 and Retry-After. Every node takes from the same buckets, keyed by network (an IPv6 /64 is one), and
 * the /64s of one IPv6 delegation (a /48) share ten times one network's allowance between them (see
 * {@link Allowances#takeForNetwork}), so a customer's 65,536 /64s make no more guests than ten offices.
 */
final class GuestLimits {

    private static final int MAX_BUCKETS = 100_000;

    private final Allowances allowances;
    private final Allowances.Limit perMinute;
    private final Allowances.Limit perHour;

    GuestLimits(Database db, Clock clock, IdentityConfig config) {
        this.allowances = Allowances.create(db, clock, "guests", MAX_BUCKETS);
        this.perMinute = new Allowances.Limit(config.guestsPerAddressPerMinute(), Duration.ofMinutes(1));
        this.perHour = new Allowances.Limit(config.guestsPerAddressPerHour(), Duration.ofHours(1));
    }

    /** Takes one new guest from the allowance of {@code clientAddress}'s network, or throws a 429 problem. */
    void take(String clientAddress) {
        allowances.takeForNetwork("guests", clientAddress, perMinute, perHour).ifPresent(seconds -> {
            throw new ParleyException.RateLimited(IdentityProblem.TOO_MANY_GUESTS, "More new guests were created from your "
                    + "network than this server accepts in a short time; try again in " + seconds + " seconds. "
                    + "A guest is kept by your browser, so this only happens when many are made at once.", seconds);
        });
    }
}
