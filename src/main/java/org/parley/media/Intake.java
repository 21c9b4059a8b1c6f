package org.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.parley.http.ParleyException;

/**
 * Takes uploads in — reads, checks, decodes and re-encodes them — within a share of the heap that all
 * uploads on the server have together ({@link #memory()}), so that no mix of uploads the limits allow can
 * run the server out of memory. An upload reserves memory twice, each time in one piece and in this order:
 * <ol>
 *   <li>for its body ({@link Footprint#reading}), before the first byte is read, by the length it declares
 *       (or the byte limit); it is held until the renditions are made. Bodies may hold together at most
 *       {@link #bodies()}, the share less the largest decoding the limits allow;</li>
 *   <li>for decoding and re-encoding ({@link Footprint#work}), once the whole body is in and its header
 *       walked; it is held while the decoder runs.</li>
 * </ol>
 * An upload waits for decoding memory while holding its body's, never the other way round, and decoding
 * memory is held only by uploads that wait for nothing but a processor, which always finish and give it
 * back. However many bodies wait, they leave room for the largest decoding, so the upload at the head of
 * the queue gets in, then the next, and every one in turn. (Before bodies had a bound, enough of them
 * could fill the share that none had room left to decode, and all were refused.) When memory does not
 * come within the upload's patience (both waits together), it is refused with
 * {@link MediaProblem#UPLOADS_BUSY}: 503 with Retry-After.
 *
 * <p>Decoding and encoding run on a few platform threads of their own, one per processor, and the request's
 * virtual thread waits for them. A virtual thread is never preempted: run there, a second of decoding holds
 * one of the few carrier threads every request shares, and two of them on a two-core machine stalled every
 * thread read for seconds. Platform threads are time-sliced by the operating system like any process.
 * Thread-safe.
 */
final class Intake {

    static final int BUSY_RETRY_SECONDS = 2;
    private static final Duration IDLE_THREADS_LIVE = Duration.ofSeconds(30);
    private static final long KIB = 1024;

    /** Renditions made from an upload, and the work memory that still holds them. */
    private record Rendered(Rendition rendition, MemoryBudget.Reservation held) {
    }

    private final MediaConfig config;
    private final Reencoder reencoder;
    private final MemoryBudget memory;
    private final MemoryBudget bodies;
    private final Duration patience;
    private final ThreadPoolExecutor decoders;

    private Intake(MediaConfig config, MemoryBudget memory, MemoryBudget bodies, Duration patience) {
        this.config = config;
        this.reencoder = new Reencoder(config);
        this.memory = memory;
        this.bodies = bodies;
        this.patience = patience;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.decoders = new ThreadPoolExecutor(threads, threads, IDLE_THREADS_LIVE.toSeconds(), TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("parley-image-", 1).daemon(true).factory());
        // An idle server keeps no decoding threads.
        decoders.allowCoreThreadTimeOut(true);
    }

    /**
     * An intake with {@link MediaConfig#uploadMemoryPercent()} of {@code maxHeapBytes} to share.
     *
     * @throws IllegalArgumentException when that share cannot hold the largest upload the limits allow
     *         ({@link Footprint#largest}: such an upload could never be taken in), naming the settings
     *         that would make it fit
     */
    static Intake forHeap(MediaConfig config, long maxHeapBytes, Duration patience) {
        long share = maxHeapBytes / 100 * config.uploadMemoryPercent();
        long largest = Footprint.largest(config);
        // Budgets count whole kibibytes: each keeps its capacity rounded down and reservations rounded up.
        long shareKib = share / KIB;
        long largestBodyKib = kibibytesUp(Footprint.reading(config.maxUploadBytes(), false));
        long largestWorkKib = kibibytesUp(Footprint.largestWork(config));
        if (shareKib < largestBodyKib + largestWorkKib) {
            throw new IllegalArgumentException("media.uploadMemoryPercent=" + config.uploadMemoryPercent() + " of a "
                    + mebibytes(maxHeapBytes) + " heap leaves " + mebibytes(share) + " for images being uploaded, but one"
                    + " upload within media.maxUploadBytes=" + config.maxUploadBytes() + ", media.maxPixels="
                    + config.maxPixels() + " and media.displayLongSidePixels=" + config.displayLongSidePixels()
                    + " may need " + mebibytes(largest) + ": give Java a larger heap (-Xmx), raise"
                    + " media.uploadMemoryPercent or lower those limits");
        }
        MemoryBudget memory = new MemoryBudget(shareKib * KIB);
        return new Intake(config, memory, memory.part((shareKib - largestWorkKib) * KIB), patience);
    }

    /**
     * Reads {@code upload} (at most the byte limit + 1 bytes; with a declared length of {@code declaredBytes},
     * or -1 for none, at most that) and re-encodes it, then hands the renditions to {@code keep} while
     * holding only their own size of memory (keeping them may wait for the database).
     */
    <T> T take(InputStream upload, SizeLimits limits, long declaredBytes, Function<Rendition, T> keep) {
        // One byte past the limit is enough for the re-encoder to refuse the upload as too large.
        int readable = (int) (declaredBytes < 0 ? limits.maxBytes() + 1 : Math.min(declaredBytes, limits.maxBytes() + 1));
        Patience left = new Patience(patience);
        // That byte is not reserved: the upload is refused as soon as it has been read.
        long reading = Footprint.reading(Math.min(readable, limits.maxBytes()), declaredBytes >= 0);
        try (MemoryBudget.Reservation body = left.reserve(bodies, reading)) {
            // The body is handed on, never kept in a variable here, so that nothing holds it once rendered.
            return keep(render(read(upload, readable, declaredBytes >= 0), limits, body, left), body, keep);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an image upload", e);
        }
    }

    /** Like {@link #take(InputStream, SizeLimits, long, Function)} for an upload already in memory. */
    <T> T take(byte[] upload, SizeLimits limits, Function<Rendition, T> keep) {
        Patience left = new Patience(patience);
        try (MemoryBudget.Reservation body = left.reserve(bodies, Footprint.body(upload.length))) {
            return keep(render(upload, limits, body, left), body, keep);
        }
    }

    /** The memory all uploads share, for tests that stand in for other uploads. */
    MemoryBudget memory() {
        return memory;
    }

    /** The part of it bodies may hold, for tests that stand in for other uploads. */
    MemoryBudget bodies() {
        return bodies;
    }

    /**
     * The whole body: into an array of the declared length when there is one, otherwise as
     * {@link InputStream#readNBytes(int)} assembles it.
     */
    private static byte[] read(InputStream upload, int readable, boolean declared) throws IOException {
        if (!declared) {
            return upload.readNBytes(readable);
        }
        byte[] bytes = new byte[readable];
        int read = upload.readNBytes(bytes, 0, readable);
        if (read < readable) {
            throw Refusal.broken("arrived cut off, after " + read + " of the " + readable + " bytes its request declared");
        }
        return bytes;
    }

    private Rendered render(byte[] bytes, SizeLimits limits, MemoryBudget.Reservation body, Patience left) {
        body.shrinkTo(Footprint.body(bytes.length));
        Inspection inspection = reencoder.inspect(bytes, limits);
        MemoryBudget.Reservation held = left.reserve(memory, Footprint.work(inspection, config.displayLongSidePixels()));
        try {
            return new Rendered(finished(decoders.submit(() -> reencoder.render(inspection, limits))), held);
        } catch (RuntimeException | Error e) {
            held.close();
            throw e;
        }
    }

    /**
     * The job's result or its exception. Waits for the job to end even when interrupted (and says so
     * afterwards), because the memory it uses is given back only once the caller returns.
     */
    private static Rendition finished(Future<Rendition> job) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return job.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException failure -> throw failure;
                        case Error error -> throw error;
                        default -> throw new IllegalStateException("re-encoding an image", e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Keeps the renditions holding only their own size: the body and the decoding are garbage by now. */
    private static <T> T keep(Rendered rendered, MemoryBudget.Reservation body, Function<Rendition, T> keep) {
        try (MemoryBudget.Reservation held = rendered.held()) {
            body.close();
            held.shrinkTo((long) rendered.rendition().display().length + rendered.rendition().thumb().length);
            return keep.apply(rendered.rendition());
        }
    }

    /**
     * How much longer one upload may wait for memory, over both its waits; the time its body takes to arrive
     * does not count (a slow body is the connection's business). Not thread-safe: it belongs to one upload.
     */
    private static final class Patience {

        private long leftNanos;

        Patience(Duration patience) {
            this.leftNanos = patience.toNanos();
        }

        /** A reservation of {@code bytes} from {@code budget}, waiting what patience is left at most; 503 otherwise. */
        MemoryBudget.Reservation reserve(MemoryBudget budget, long bytes) {
            long started = System.nanoTime();
            Optional<MemoryBudget.Reservation> reserved = budget.reserve(bytes, Duration.ofNanos(Math.max(0, leftNanos)));
            leftNanos -= System.nanoTime() - started;
            return reserved.orElseThrow(() -> new ParleyException.Unavailable(MediaProblem.UPLOADS_BUSY, "Parley is busy"
                    + " taking in other images right now; send yours again in " + BUSY_RETRY_SECONDS + " seconds.",
                    BUSY_RETRY_SECONDS));
        }
    }

    private static long kibibytesUp(long bytes) {
        return (bytes + KIB - 1) / KIB;
    }

    private static String mebibytes(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
