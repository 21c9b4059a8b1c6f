package org.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.parley.http.ParleyException;

/**
 * Takes uploads in — reads, checks, decodes and re-encodes them — within a share of the heap that all
 * uploads on the server have together ({@link MemoryBudget}), so that no mix of uploads the limits allow
 * can run the server out of memory. Each upload reserves, before it needs them, the memory to read its
 * body ({@link Footprint#reading}) and, once its header is walked, the memory to decode and re-encode it
 * ({@link Footprint#of}). When the share is spent it waits, at most its patience in all, then is refused
 * with {@link MediaProblem#UPLOADS_BUSY}: 503 with Retry-After.
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

    private final MediaConfig config;
    private final Reencoder reencoder;
    private final MemoryBudget budget;
    private final Duration patience;
    private final ThreadPoolExecutor decoders;

    private Intake(MediaConfig config, MemoryBudget budget, Duration patience) {
        this.config = config;
        this.reencoder = new Reencoder(config);
        this.budget = budget;
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
        if (share < largest) {
            throw new IllegalArgumentException("media.uploadMemoryPercent=" + config.uploadMemoryPercent() + " of a "
                    + mebibytes(maxHeapBytes) + " heap leaves " + mebibytes(share) + " for images being uploaded, but one"
                    + " upload within media.maxUploadBytes=" + config.maxUploadBytes() + ", media.maxPixels="
                    + config.maxPixels() + " and media.displayLongSidePixels=" + config.displayLongSidePixels()
                    + " may need " + mebibytes(largest) + ": give Java a larger heap (-Xmx), raise"
                    + " media.uploadMemoryPercent or lower those limits");
        }
        return new Intake(config, new MemoryBudget(share), patience);
    }

    /**
     * Reads {@code upload} (at most the byte limit + 1 bytes; with a declared length of {@code declaredBytes},
     * or -1 for none, at most that) and re-encodes it, then hands the renditions to {@code keep} while
     * holding only their own size of memory (keeping them may wait for the database).
     */
    <T> T take(InputStream upload, SizeLimits limits, long declaredBytes, Function<Rendition, T> keep) {
        // One byte past the limit is enough for the re-encoder to refuse the upload as too large.
        int readable = (int) (declaredBytes < 0 ? limits.maxBytes() + 1 : Math.min(declaredBytes, limits.maxBytes() + 1));
        long deadline = System.nanoTime() + patience.toNanos();
        try (MemoryBudget.Reservation held = budget.open()) {
            reserve(held, Footprint.reading(readable), deadline);
            byte[] bytes = upload.readNBytes(readable);
            return keep(reencode(bytes, limits, held, deadline), held, keep);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an image upload", e);
        }
    }

    /** Like {@link #take(InputStream, SizeLimits, long, Function)} for an upload already in memory. */
    <T> T take(byte[] upload, SizeLimits limits, Function<Rendition, T> keep) {
        long deadline = System.nanoTime() + patience.toNanos();
        try (MemoryBudget.Reservation held = budget.open()) {
            return keep(reencode(upload, limits, held, deadline), held, keep);
        }
    }

    /** The memory uploads share, for tests that stand in for other uploads. */
    MemoryBudget budget() {
        return budget;
    }

    private Rendition reencode(byte[] bytes, SizeLimits limits, MemoryBudget.Reservation held, long deadline) {
        Inspection inspection = reencoder.inspect(bytes, limits);
        reserve(held, Footprint.of(inspection, bytes.length, config.displayLongSidePixels()), deadline);
        return finished(decoders.submit(() -> reencoder.render(inspection, limits)));
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

    private static <T> T keep(Rendition rendition, MemoryBudget.Reservation held, Function<Rendition, T> keep) {
        held.shrinkTo((long) rendition.display().length + rendition.thumb().length);
        return keep.apply(rendition);
    }

    private static void reserve(MemoryBudget.Reservation held, long bytes, long deadline) {
        if (!held.growTo(bytes, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            throw new ParleyException.Unavailable(MediaProblem.UPLOADS_BUSY, "Parley is busy taking in other images"
                    + " right now; send yours again in " + BUSY_RETRY_SECONDS + " seconds.", BUSY_RETRY_SECONDS);
        }
    }

    private static String mebibytes(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
