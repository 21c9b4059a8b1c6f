package org.parley.imports;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a producer on a thread of its own, a few items ahead of the caller who takes them: an import reads, plans and
 * cleans the next pages of an export while the caller stores the page before, so the two halves of the work share
 * the machine's cores instead of taking turns. At most {@code capacity} items wait, so memory stays bounded however
 * big the export. The producer's failure reaches the caller after the items produced before it; closing stops the
 * producer wherever it is. One caller at a time.
 */
final class ReadAhead<T> implements AutoCloseable {

    /** What waits in the queue: an item, the end, or the producer's failure. */
    private sealed interface Slot<T> {
    }

    private record Item<T>(T value) implements Slot<T> {
    }

    private record End<T>() implements Slot<T> {
    }

    private record Failed<T>(RuntimeException failure) implements Slot<T> {
    }

    /** Thrown inside the producer when the caller closed early: unwinds it, closing what it opened. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the reader was stopped", null, false, false);
        }
    }

    private final BlockingQueue<Slot<T>> queue;
    private final Thread thread;
    private volatile boolean stopped;
    private boolean ended;

    /** Starts {@code producer} on a platform thread named {@code name}; it hands each item to the consumer it gets. */
    ReadAhead(String name, int capacity, Consumer<Consumer<T>> producer) {
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // one more: the end or a failure always fits after the items
        this.thread = Thread.ofPlatform().name(name).daemon().start(() -> {
            Slot<T> last;
            try {
                producer.accept(item -> put(new Item<>(item)));
                last = new End<>();
            } catch (Stopped e) {
                return;
            } catch (RuntimeException e) {
                last = new Failed<>(e);
            }
            try {
                put(last);
            } catch (Stopped e) {
                // the caller is gone; nobody waits for the end
            }
        });
    }

    /** The next item, waiting for it; empty at the end. Throws what the producer threw, once the items before it are taken. */
    Optional<T> next() {
        if (ended) {
            return Optional.empty();
        }
        Slot<T> slot;
        try {
            slot = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the export to be read", e);
        }
        return switch (slot) {
            case Item<T> item -> Optional.of(item.value());
            case End<T> end -> {
                ended = true;
                yield Optional.empty();
            }
            case Failed<T> failed -> {
                ended = true;
                throw failed.failure();
            }
        };
    }

    private void put(Slot<T> slot) {
        try {
            while (!stopped) {
                if (queue.offer(slot, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Stopped();
    }

    /** Stops the producer if it still runs, and waits until it has (it closes what it opened on its way out). */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
