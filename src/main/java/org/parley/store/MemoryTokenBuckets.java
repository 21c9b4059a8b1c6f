package org.parley.store;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket4j buckets in this process's memory. The number of keys is bounded: when it is reached, buckets
 * that are full again are dropped first, and all of them only if that is not enough.
 */
public final class MemoryTokenBuckets implements TokenBuckets {

    private record Held(Bucket bucket, int[] counts, long[] windows) {
    }

    private final TimeMeter time;
    private final int maxKeys;
    private final Map<String, Held> buckets = new ConcurrentHashMap<>();

    /** Buckets read time from {@code clock} (tests move it); at most {@code maxKeys} keys are kept. */
    public MemoryTokenBuckets(Clock clock, int maxKeys) {
        this.maxKeys = maxKeys;
        this.time = new TimeMeter() {
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

    @Override
    public long take(String key, int[] counts, long[] windowMillis) {
        Held held = buckets.get(key);
        if (held == null || !Arrays.equals(held.counts, counts) || !Arrays.equals(held.windows, windowMillis)) {
            makeRoom();
            held = buckets.compute(key, (k, old) -> old != null && Arrays.equals(old.counts, counts)
                    && Arrays.equals(old.windows, windowMillis) ? old : build(counts, windowMillis));
        }
        ConsumptionProbe probe = held.bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999) / 1_000_000);
    }

    private Held build(int[] counts, long[] windowMillis) {
        var builder = Bucket.builder();
        for (int i = 0; i < counts.length; i++) {
            int count = counts[i];
            Duration window = Duration.ofMillis(windowMillis[i]);
            builder.addLimit(l -> l.capacity(count).refillGreedy(count, window));
        }
        return new Held(builder.withCustomTimePrecision(time).build(), counts.clone(), windowMillis.clone());
    }

    @Override
    public void giveBack(String key) {
        Held held = buckets.get(key);
        if (held != null) {
            held.bucket.addTokens(1);
        }
    }

    @Override
    public void forget(String key) {
        buckets.remove(key);
    }

    private void makeRoom() {
        if (buckets.size() < maxKeys) {
            return;
        }
        buckets.values().removeIf(held -> held.bucket.getAvailableTokens() >= Arrays.stream(held.counts).min().orElse(0));
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
    }
}
