package org.parley.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import org.parley.store.Database;
import org.parley.store.MemoryTokenBuckets;
import org.parley.store.TokenBuckets;

/**
 * How often someone may do something: one token bucket per key (a commenter, an address), made with its
 * limits on first use. Kept in memory on SQLite, where one process serves, and in a table every node
 * shares on PostgreSQL, so several nodes grant together what one would ({@link TokenBuckets}). Callers
 * turn a refusal into their own 429 problem. Thread-safe.
 */
public final class Allowances {

    /** At most {@code count} times per {@code window}, refilled gradually. */
    public record Limit(int count, Duration window) {
        public Limit {
            if (count < 1 || window.toMillis() < 1) {
                throw new IllegalArgumentException("a limit allows at least once per millisecond or more, was " + count + " per " + window);
            }
        }
    }

    private final TokenBuckets buckets;

    private Allowances(TokenBuckets buckets) {
        this.buckets = buckets;
    }

    /**
     * Allowances for {@code use} (a name that keeps its keys apart from other uses) on {@code db}, reading
     * time from {@code clock}; in memory at most {@code maxKeys} keys are tracked.
     */
    public static Allowances create(Database db, Clock clock, String use, int maxKeys) {
        return new Allowances(TokenBuckets.create(db, clock, use, maxKeys));
    }

    /** Allowances in this process's memory alone. */
    public static Allowances inMemory(Clock clock, int maxKeys) {
        return new Allowances(new MemoryTokenBuckets(clock, maxKeys));
    }

    /**
     * Takes one from the allowance of {@code key}, which the key keeps as long as it is tracked: empty when
     * granted, otherwise the whole seconds until it would be (at least 1).
     */
    public OptionalLong take(String key, Limit... limits) {
        int[] counts = Arrays.stream(limits).mapToInt(Limit::count).toArray();
        long[] windows = Arrays.stream(limits).mapToLong(limit -> limit.window().toMillis()).toArray();
        long waitMillis = buckets.take(key, counts, windows);
        return waitMillis == 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (waitMillis + 999) / 1000));
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

    /** Gives back what {@link #takeForNetwork} took, to the network and to its delegation. */
    public void giveBackForNetwork(String scope, String clientAddress) {
        String network = scope + "|" + ClientAddress.network(clientAddress);
        String delegation = scope + "|" + ClientAddress.delegation(clientAddress);
        giveBack(network);
        if (!delegation.equals(network)) {
            giveBack(delegation);
        }
    }

    /** Gives back one taken from {@code key}'s allowance (an attempt that turned out fine), if it is tracked. */
    public void giveBack(String key) {
        buckets.giveBack(key);
    }

    /** Forgets {@code key}: its next take starts from a full allowance. */
    public void forget(String key) {
        buckets.forget(key);
    }
}
