package org.parley.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often someone may do something: one token bucket per key (a commenter, an address), made with its
 * limits on first use and kept in memory (one node's view). Callers turn a refusal into their own 429
 * problem. Thread-safe.
 */
public final class Allowances {

    /** At most {@code count} times per {@code window}, refilled gradually. */
    public record Limit(int count, Duration window) {
    }

    private final TimeMeter time;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Buckets read time from {@code clock} (tests move it); past {@code maxKeys} keys all start afresh. */
    public Allowances(Clock clock, int maxKeys) {
        this.maxKeys = maxKeys;
        this.time = clockMeter(clock);
    }

    /** Bucket4j time read from {@code clock}, for buckets tests can move through time. */
    public static TimeMeter clockMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /**
     * Takes one from the allowance of {@code key}, which the key keeps as long as it is tracked: empty when
     * granted, otherwise the whole seconds until it would be (at least 1).
     */
    public OptionalLong take(String key, Limit... limits) {
        if (buckets.size() > maxKeys) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> {
            var builder = Bucket.builder();
            for (Limit limit : limits) {
                builder.addLimit(l -> l.capacity(limit.count()).refillGreedy(limit.count(), limit.window()));
            }
            return builder.withCustomTimePrecision(time).build();
        });
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
