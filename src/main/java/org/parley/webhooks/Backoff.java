package org.parley.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed message is tried again: soon after a first failure (a deploy, a blip), then ever more
 * rarely, about a day in all with the default 8 attempts. Each wait varies by up to 10 % either way, so
 * messages that failed together do not all come back in the same second.
 */
final class Backoff {

    /** The wait after the n-th failed attempt; past the end, the last one repeats. */
    static final List<Duration> WAITS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));

    private final int maxAttempts;
    private final RandomGenerator random;

    Backoff(int maxAttempts, RandomGenerator random) {
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** How long after failed attempt number {@code attempt} (1-based) to try again; empty when that was the last. */
    Optional<Duration> after(int attempt) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        long millis = WAITS.get(Math.min(attempt, WAITS.size()) - 1).toMillis();
        double jitter = 0.9 + 0.2 * random.nextDouble();
        return Optional.of(Duration.ofMillis(Math.round(millis * jitter)));
    }
}
