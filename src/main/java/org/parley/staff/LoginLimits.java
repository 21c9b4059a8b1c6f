package org.parley.staff;

import java.time.Clock;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;
import org.parley.store.Database;

/**
 * Failed sign-ins allowed per username and per client address, as Bucket4j token buckets that refill
 * greedily over the configured window. Each attempt takes a token from both buckets before the password
 * is checked, so parallel guesses cannot slip past the limit; a success gives them back. Unknown and
 * known usernames are counted alike, so the limit reveals nothing about which accounts exist.
 *
 * <p>Every node takes from the same buckets, so several nodes give an attacker no more guesses than one.
 * Thread-safe.
 */
final class LoginLimits {

    static final int MAX_TRACKED = 100_000;

    private final StaffConfig config;
    private final Allowances byUsername;
    private final Allowances byAddress;

    LoginLimits(Database db, Clock clock, StaffConfig config) {
        this.config = config;
        this.byUsername = Allowances.create(db, clock, "sign-in-names", MAX_TRACKED);
        this.byAddress = Allowances.create(db, clock, "sign-in-addresses", MAX_TRACKED);
    }

    /**
     * Takes one attempt from both allowances.
     *
     * @throws ParleyException.RateLimited when either is used up, with the seconds until the next attempt
     */
    void begin(String username, String address) {
        byUsername.take(username, new Allowances.Limit(config.failuresPerUsername(), config.failureWindow()))
                .ifPresent(seconds -> {
                    throw limited(seconds, "this username");
                });
        byAddress.take(address, new Allowances.Limit(config.failuresPerAddress(), config.failureWindow()))
                .ifPresent(seconds -> {
                    byUsername.giveBack(username);
                    throw limited(seconds, "this network address");
                });
    }

    /** A sign-in succeeded: the username starts afresh and the address gets its attempt back. */
    void succeeded(String username, String address) {
        byUsername.forget(username);
        byAddress.giveBack(address);
    }

    private static ParleyException.RateLimited limited(long seconds, String what) {
        return new ParleyException.RateLimited(StaffProblem.LOGIN_RATE_LIMITED,
                "Too many failed sign-ins from " + what + "; try again in " + seconds + " seconds.", seconds);
    }
}
