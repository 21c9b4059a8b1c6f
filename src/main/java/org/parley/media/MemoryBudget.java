package org.parley.media;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Heap that uploads being taken in may hold at once, shared by every request of one server: each upload
 * reserves what it will need before it needs it (its body before reading it, its decode before decoding)
 * and gives it all back when it is done, however it ends. Reservations are counted in kibibytes, rounded
 * up, and served first come, first served, so a large upload is not overtaken for ever by small ones.
 * Thread-safe.
 */
final class MemoryBudget {

    private static final long KIB = 1024;

    private final long capacityBytes;
    private final Semaphore kibibytes;

    MemoryBudget(long capacityBytes) {
        if (capacityBytes < KIB || capacityBytes / KIB > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a memory budget must be 1 KiB .. 2 TiB, was " + capacityBytes + " bytes");
        }
        this.capacityBytes = capacityBytes / KIB * KIB;
        this.kibibytes = new Semaphore((int) (capacityBytes / KIB), true);
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

    /** A reservation holding nothing yet; close it (try-with-resources) to give back whatever it grew to. */
    Reservation open() {
        return new Reservation();
    }

    /** One upload's share of the budget. Not thread-safe: it belongs to the request that opened it. */
    final class Reservation implements AutoCloseable {

        private long heldKib;

        private Reservation() {
        }

        /**
         * Grows this reservation to {@code bytes} (it never shrinks), waiting up to {@code patience} for
         * others to give memory back. False when that much could not be had in time, or the wait was
         * interrupted; what was held before is still held.
         *
         * @throws IllegalStateException if {@code bytes} is more than the whole budget: no wait would help,
         *         and the server's limits were checked at startup to make that impossible
         */
        boolean growTo(long bytes, Duration patience) {
            long wantedKib = (bytes + KIB - 1) / KIB;
            if (wantedKib * KIB > capacityBytes) {
                throw new IllegalStateException("an upload asked for " + bytes + " bytes of a " + capacityBytes
                        + "-byte image memory budget; the startup check should have refused limits that allow this");
            }
            int more = (int) Math.max(0, wantedKib - heldKib);
            if (more == 0) {
                return true;
            }
            try {
                if (!kibibytes.tryAcquire(more, patience.toNanos(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            heldKib += more;
            return true;
        }

        /** Gives back all but {@code bytes} (rounded up to a kibibyte); nothing if it holds no more than that. */
        void shrinkTo(long bytes) {
            long keptKib = (bytes + KIB - 1) / KIB;
            if (keptKib < heldKib) {
                kibibytes.release((int) (heldKib - keptKib));
                heldKib = keptKib;
            }
        }

        long heldBytes() {
            return heldKib * KIB;
        }

        /** Gives back everything held; later calls do nothing. */
        @Override
        public void close() {
            kibibytes.release((int) heldKib);
            heldKib = 0;
        }
    }
}
