package org.parley.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a deadline, for what another thread or node does in its own time. */
public final class Waiting {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Waiting() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} was awaited if it does not within ten seconds. */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // between checks of a deadline-bound poll
        }
    }
}
