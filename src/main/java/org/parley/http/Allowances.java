package org.parley.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often someone may do something: one token bucket per key (a commenter, an address), made with its
 * limits on first use and kept in memory (one node's view). The number of keys is bounded: when it is
 * reached, buckets that are full again are dropped first, and all of them only if that is not enough.
 * Callers turn a refusal into their own 429 problem. Thread-safe.
 */
public final class Allowances {

    /** At most {@code count} times per {@code window}, refilled gradually. */
    public record Limit(int count, Duration window) {
    }

    private final TimeMeter time;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** Each key's smallest allowance: its bucket is full again when it holds that many. */
    private final Map<String, Integer> capacities = new ConcurrentHashMap<>();

    /** Buckets read time from {@code clock} (tests move it); at most {@code maxKeys} keys are tracked. */
    public Allowances(Clock clock, int maxKeys) {
        this.maxKeys = maxKeys;
        this.time = clockMeter(clock);
    }

    /** Bucket4j time read from {@code clock}, for buckets tests can move through time. */
    private static TimeMeter clockMeter(Clock clock) {
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
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            makeRoom();
            bucket = buckets.computeIfAbsent(key, k -> {
                var builder = Bucket.builder();
                for (Limit limit : limits) {
                    builder.addLimit(l -> l.capacity(limit.count()).refillGreedy(limit.count(), limit.window()));
                }
                capacities.put(k, Arrays.stream(limits).mapToInt(Limit::count).min().orElse(0));
                return builder.withCustomTimePrecision(time).build();
            });
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    /**
     * Takes one from the allowance of the network {@code clientAddress} belongs to ({@link ClientAddress#network})
     * and one from its delegation's ({@link ClientAddress#delegation}), which holds
     * {@value ClientAddress#DELEGATION_WEIGHT} times {@code limits}: so the many /64s of one IPv6 customer do
     * not multiply the allowance, while unrelated phones in a carrier's pool keep a network's each. An IPv4
     * address is its own delegation and meets {@code limits} alone. {@code scope} keeps different uses apart
     * (what is limited, and where). Empty when granted; otherwise the whole seconds until it would be, and
     * nothing is taken.
     */
    public OptionalLong takeForNetwork(String scope, String clientAddress, Limit... limits) {
        String network = scope + "|" + ClientAddress.network(clientAddress);
        OptionalLong refused = take(network, limits);
        String delegation = scope + "|" + ClientAddress.delegation(clientAddress);
        if (refused.isPresent() || delegation.equals(network)) {
            return refused;
        }
        Limit[] wider = Arrays.stream(limits)
                .map(limit -> new Limit((int) Math.min((long) limit.count() * ClientAddress.DELEGATION_WEIGHT, Integer.MAX_VALUE),
                        limit.window())).toArray(Limit[]::new);
        OptionalLong crowded = take(delegation, wider);
        if (crowded.isPresent()) {
            giveBack(network);
        }
        return crowded;
    }

    /** Gives back one taken from {@code key}'s allowance (an attempt that turned out fine), if it is tracked. */
    public void giveBack(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Forgets {@code key}: its next take starts from a full allowance. */
    public void forget(String key) {
        buckets.remove(key);
        capacities.remove(key);
    }

    private void makeRoom() {
        if (buckets.size() < maxKeys) {
            return;
        }
        buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacities.getOrDefault(e.getKey(), 0));
        capacities.keySet().retainAll(buckets.keySet());
        if (buckets.size() >= maxKeys) {
            buckets.clear();
            capacities.clear();
        }
    }
}
