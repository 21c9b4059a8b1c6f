package org.parley.media;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Heap that uploads being taken in may hold at once, shared by every request of one server, or a
 * {@link #part} of it that one kind of use may hold at most. A reservation is taken whole, in one wait,
 * before the memory is needed; it can then only shrink, and closing it gives back whatever it still holds,
 * however the work ends. Nothing can wait here for more while holding a part of the same budget: a
 * reservation that could grow would let uploads each hold some and wait for the rest that the others hold,
 * and none would ever get it. Reservations are counted in kibibytes, rounded up, and served first come,
 * first served, so a large upload is not overtaken for ever by small ones. Thread-safe.
 */
final class MemoryBudget {

    private static final long KIB = 1024;

    private final long capacityBytes;
    private final Semaphore kibibytes;
    /** The budget this one is a part of, which every reservation also takes from; null for a whole budget. */
    private final MemoryBudget whole;

    MemoryBudget(long capacityBytes) {
        this(capacityBytes, null);
    }

    private MemoryBudget(long capacityBytes, MemoryBudget whole) {
        if (capacityBytes < KIB || capacityBytes / KIB > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a memory budget must be 1 KiB .. 2 TiB, was " + capacityBytes + " bytes");
        }
        this.capacityBytes = capacityBytes / KIB * KIB;
        this.kibibytes = new Semaphore((int) (capacityBytes / KIB), true);
        this.whole = whole;
    }

    /**
     * A part of this budget that one kind of reservation may hold at most: a reservation from the part takes
     * its memory from the part first, then from this budget, so the rest of this budget stays for others.
     */
    MemoryBudget part(long capacityBytes) {
        if (capacityBytes > this.capacityBytes) {
            throw new IllegalArgumentException("a part of " + capacityBytes + " bytes of a " + this.capacityBytes + "-byte budget");
        }
        return new MemoryBudget(capacityBytes, this);
    }

    /** The whole budget, in whole kibibytes. */
    long capacityBytes() {
        return capacityBytes;
    }

    /** What no reservation holds right now (for logs and tests; stale as soon as it is read). */
    long availableBytes() {
        return kibibytes.availablePermits() * KIB;
    }

    /** Reservations waiting for memory right now (an estimate, for logs and tests). */
    int waiting() {
        return kibibytes.getQueueLength();
    }

    /**
     * Reserves {@code bytes}, waiting up to {@code patience} for others to give memory back; empty when
     * that much could not be had in time, or the wait was interrupted. Close the reservation
     * (try-with-resources) to give it back.
     *
     * @throws IllegalStateException if {@code bytes} is more than the whole budget: no wait would help,
     *         and the server's limits were checked at startup to make that impossible
     */
    Optional<Reservation> reserve(long bytes, Duration patience) {
        long wantedKib = (bytes + KIB - 1) / KIB;
        if (wantedKib * KIB > capacityBytes) {
            throw new IllegalStateException("an upload asked for " + bytes + " bytes of a " + capacityBytes
                    + "-byte image memory budget; the startup check should have refused limits that allow this");
        }
        long deadline = System.nanoTime() + patience.toNanos();
        if (!acquire(wantedKib, deadline)) {
            return Optional.empty();
        }
        if (whole != null && !whole.acquire(wantedKib, deadline)) {
            kibibytes.release((int) wantedKib);
            return Optional.empty();
        }
        return Optional.of(new Reservation(wantedKib));
    }

    private boolean acquire(long kib, long deadline) {
        try {
            return kibibytes.tryAcquire((int) kib, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void release(long kib) {
        kibibytes.release((int) kib);
        if (whole != null) {
            whole.kibibytes.release((int) kib);
        }
    }

    /** One piece of work's share of the budget. Not thread-safe: it belongs to the request that took it. */
    final class Reservation implements AutoCloseable {

        private long heldKib;

        private Reservation(long heldKib) {
            this.heldKib = heldKib;
        }

        /** Gives back all but {@code bytes} (rounded up to a kibibyte); nothing if it holds no more than that. */
        void shrinkTo(long bytes) {
            long keptKib = (bytes + KIB - 1) / KIB;
            if (keptKib < heldKib) {
                release(heldKib - keptKib);
                heldKib = keptKib;
            }
        }

        long heldBytes() {
            return heldKib * KIB;
        }

        /** Gives back everything held; later calls do nothing. */
        @Override
        public void close() {
            release(heldKib);
            heldKib = 0;
        }
    }
}
