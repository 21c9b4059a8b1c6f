package org.parley.staff;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;

/**
 * Failed sign-ins allowed per username and per client address, as Bucket4j token buckets that refill
 * greedily over the configured window. Each attempt takes a token from both buckets before the password
 * is checked, so parallel guesses cannot slip past the limit; a success gives them back. Unknown and
 * known usernames are counted alike, so the limit reveals nothing about which accounts exist.
 *
 * <p>Limits are per process: with several nodes an attacker gets each node's allowance. The maps are
 * bounded; when one fills up, buckets that are full again are dropped first. Thread-safe.
 */
final class LoginLimits {

    static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final StaffConfig config;
    private final Map<String, Bucket> byUsername = new ConcurrentHashMap<>();
    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();

    LoginLimits(Clock clock, StaffConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /**
     * Takes one attempt from both allowances.
     *
     * @throws ParleyException.RateLimited when either is used up, with the seconds until the next attempt
     */
    void begin(String username, String address) {
        Bucket user = bucket(byUsername, username, config.failuresPerUsername());
        ConsumptionProbe userProbe = user.tryConsumeAndReturnRemaining(1);
        if (!userProbe.isConsumed()) {
            throw limited(userProbe, "this username");
        }
        ConsumptionProbe addressProbe = bucket(byAddress, address, config.failuresPerAddress()).tryConsumeAndReturnRemaining(1);
        if (!addressProbe.isConsumed()) {
            user.addTokens(1);
            throw limited(addressProbe, "this network address");
        }
    }

    /** A sign-in succeeded: the username starts afresh and the address gets its attempt back. */
    void succeeded(String username, String address) {
        byUsername.remove(username);
        Bucket bucket = byAddress.get(address);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    private Bucket bucket(Map<String, Bucket> buckets, String key, int allowance) {
        Bucket existing = buckets.get(key);
        if (existing != null) {
            return existing;
        }
        if (buckets.size() >= MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= allowance);
            if (buckets.size() >= MAX_TRACKED) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(allowance).refillGreedy(allowance, config.failureWindow()))
                .withCustomTimePrecision(Allowances.clockMeter(clock))
                .build());
    }

    private static ParleyException.RateLimited limited(ConsumptionProbe probe, String what) {
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new ParleyException.RateLimited(StaffProblem.LOGIN_RATE_LIMITED,
                "Too many failed sign-ins from " + what + "; try again in " + seconds + " seconds.", seconds);
    }
}
