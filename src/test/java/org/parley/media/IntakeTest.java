package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.http.ParleyException;
import org.parley.sites.ImageRules;
import org.parley.store.Database;
import org.parley.testing.MutableClock;
import org.parley.testing.TestDatabases;

/**
 * Uploads take their memory from the share all uploads have — first their body's, then their decoding's,
 * each in one piece — give it back however they end, wait for it when it is spent and are refused with
 * 503 when it does not come back in time. The share here is as small as the limits allow (1 MiB uploads
 * of at most a megapixel), so a few uploads spend it.
 */
class IntakeTest {

    private static final MediaConfig SMALL = new MediaConfig(1 << 20, 1_000_000, 1600, 320);
    private static final Duration SHORT_PATIENCE = Duration.ofMillis(300);
    private static final Duration LONG_PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.sqlite(dir));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A server whose upload share is exactly the largest upload its limits allow. */
    Media tightMedia(Duration patience) {
        long heap = Footprint.largest(SMALL) / SMALL.uploadMemoryPercent() * 100 + 100 * 1024;
        return Media.create(db, clock, SMALL, heap, patience);
    }

    @Test
    void bodiesMayHoldTheLargestBodyAndTogetherAlwaysLeaveRoomForTheLargestDecoding() {
        Intake tight = tightMedia(SHORT_PATIENCE).intake();
        Intake roomy = Media.create(db, clock, MediaConfig.defaults(), 256L << 20, Duration.ofSeconds(MediaConfig.DEFAULT_UPLOAD_WAIT_SECONDS)).intake();

        assertThat(tight.bodies().capacityBytes()).isGreaterThanOrEqualTo(Footprint.reading(SMALL.maxUploadBytes(), false));
        assertThat(tight.memory().capacityBytes() - tight.bodies().capacityBytes()).isGreaterThanOrEqualTo(Footprint.largestWork(SMALL));
        assertThat(roomy.memory().capacityBytes() - roomy.bodies().capacityBytes())
                .isGreaterThanOrEqualTo(Footprint.largestWork(MediaConfig.defaults()));
        assertThat(roomy.bodies().capacityBytes()).as("60 %% of 256 MiB: four 5 MB photographs arriving at once")
                .isGreaterThanOrEqualTo(4 * Footprint.reading(5_000_000, true));
    }

    @Test
    void everyWayAnUploadEndsGivesItsMemoryBack() {
        Media media = tightMedia(SHORT_PATIENCE);
        MemoryBudget memory = media.intake().memory();
        MemoryBudget bodies = media.intake().bodies();
        byte[] brokenPixels = TestImages.concat(TestImages.pngSignature(), TestImages.ihdr(64, 48, 8, 2),
                TestImages.chunk("IDAT", filled(200, (byte) 0x55)), TestImages.chunk("IEND", new byte[0]));
        List<Consumer<Media>> endings = List.of(
                m -> m.store(MediaStoreContract.picture(1)),
                m -> m.store(new ByteArrayInputStream(MediaStoreContract.picture(2)), ImageRules.defaults()),
                m -> m.store(new ByteArrayInputStream(MediaStoreContract.picture(7)), SizeLimits.of(SMALL), MediaStoreContract.picture(7).length),
                m -> refused(() -> m.store(TestImages.ascii("<svg onload=alert(1)>")), MediaProblem.UNSUPPORTED_IMAGE),
                m -> refused(() -> m.store(brokenPixels), MediaProblem.BROKEN_IMAGE),
                m -> refused(() -> m.store(new ByteArrayInputStream(filled((1 << 20) + 10, (byte) 0xFF)), ImageRules.defaults()),
                        MediaProblem.IMAGE_TOO_LARGE),
                m -> assertThatThrownBy(() -> m.store(failingStream(), ImageRules.defaults()))
                        .isInstanceOf(UncheckedIOException.class));

        for (int i = 0; i < endings.size(); i++) {
            endings.get(i).accept(media);

            assertThat(memory.availableBytes()).as("memory free after ending %d", i).isEqualTo(memory.capacityBytes());
            assertThat(bodies.availableBytes()).as("body memory free after ending %d", i).isEqualTo(bodies.capacityBytes());
        }
    }

    @Test
    void anUploadThatFindsTheMemorySpentWaitsItsPatienceThenGets503WithRetryAfter() {
        Media media = tightMedia(SHORT_PATIENCE);
        MemoryBudget memory = media.intake().memory();
        byte[] late = MediaStoreContract.picture(3);
        long needed = kibibytes(Footprint.body(late.length)) + kibibytes(work(late));
        try (MemoryBudget.Reservation others = memory.reserve(memory.capacityBytes() - needed + 1024, Duration.ZERO).orElseThrow()) {
            long started = System.nanoTime();

            ParleyException busy = catchThrowableOfType(ParleyException.class, () -> media.store(late));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT_PATIENCE);
            assertThat(busy).isInstanceOf(ParleyException.Unavailable.class);
            assertThat(busy.type()).isEqualTo(MediaProblem.UPLOADS_BUSY);
            assertThat(busy.type().status()).isEqualTo(503);
            assertThat(((ParleyException.Unavailable) busy).retryAfterSeconds()).isEqualTo(Intake.BUSY_RETRY_SECONDS);
            assertThat(busy.detail()).contains("send yours again in " + Intake.BUSY_RETRY_SECONDS + " seconds");
        }
        assertThat(memory.availableBytes()).isEqualTo(memory.capacityBytes());
        assertThat(media.intake().bodies().availableBytes()).isEqualTo(media.intake().bodies().capacityBytes());
        assertThat(media.store(late).format()).as("room again").isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void anUploadWhoseBodyFindsNoRoomIsNotReadAtAllAndGets503() {
        Media media = tightMedia(SHORT_PATIENCE);
        MemoryBudget bodies = media.intake().bodies();
        CountingStream upload = new CountingStream(MediaStoreContract.picture(8));
        try (MemoryBudget.Reservation others = bodies.reserve(bodies.capacityBytes(), Duration.ZERO).orElseThrow()) {
            ParleyException busy = catchThrowableOfType(ParleyException.class, () -> media.store(upload, ImageRules.defaults()));

            assertThat(busy.type()).isEqualTo(MediaProblem.UPLOADS_BUSY);
            assertThat(upload.read).as("bytes read of a body that had no room").isZero();
        }
    }

    @Test
    void aWaitingUploadIsTakenInAsSoonAsAnotherGivesItsMemoryBack() throws Exception {
        Media media = tightMedia(LONG_PATIENCE);
        MemoryBudget memory = media.intake().memory();
        MemoryBudget.Reservation others = memory.reserve(memory.capacityBytes(), Duration.ZERO).orElseThrow();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<StoredImage> waiting = threads.submit(() -> media.store(MediaStoreContract.picture(4)));
            awaitWaiting(memory);

            others.close();

            assertThat(waiting.get(30, TimeUnit.SECONDS).format()).isEqualTo(ImageFormat.JPEG);
        }
    }

    /**
     * The order in which an upload takes memory: its body's share before a byte is read, then, once the body
     * is in and its header walked, its decoding's; while it waits for the second it holds the first and
     * nothing else, so bodies waiting to be decoded never keep decoding memory from anyone.
     */
    @Test
    void anUploadReservesItsBodyBeforeReadingAndWaitsForDecodingMemoryHoldingOnlyItsBody() throws Exception {
        Media media = tightMedia(LONG_PATIENCE);
        MemoryBudget memory = media.intake().memory();
        MemoryBudget bodies = media.intake().bodies();
        byte[] photo = TestImages.jpeg(TestImages.photoLike(1000, 1000, 9));
        CountingStream upload = new CountingStream(photo);
        // Room for the photograph's body, none for decoding it.
        long others = memory.capacityBytes() - kibibytes(Footprint.reading(photo.length, true));
        MemoryBudget.Reservation othersHeld = memory.reserve(others, Duration.ZERO).orElseThrow();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<StoredImage> stored = threads.submit(() -> media.store(upload, SizeLimits.of(SMALL), photo.length));
            awaitWaiting(memory);

            assertThat(upload.read).as("read before waiting for decoding memory: the whole body").isEqualTo(photo.length);
            assertThat(bodies.capacityBytes() - bodies.availableBytes()).as("body memory held while waiting")
                    .isEqualTo(kibibytes(Footprint.body(photo.length)));
            assertThat(memory.capacityBytes() - memory.availableBytes()).as("memory held: the others' and the body, no more")
                    .isEqualTo(others + kibibytes(Footprint.body(photo.length)));
            othersHeld.close();

            assertThat(stored.get(30, TimeUnit.SECONDS).format()).isEqualTo(ImageFormat.JPEG);
        }
        assertThat(bodies.availableBytes()).isEqualTo(bodies.capacityBytes());
        assertThat(memory.availableBytes()).isEqualTo(memory.capacityBytes());
    }

    @Test
    void aBodyHoldsItsMemoryWhileItArrivesSoWaitingUploadsHoldNoMore() throws Exception {
        Media media = tightMedia(SHORT_PATIENCE);
        MemoryBudget bodies = media.intake().bodies();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<StoredImage> slow = threads.submit(() -> media.store(
                    new SlowStream(MediaStoreContract.picture(5), reading, release), ImageRules.defaults()));
            assertThat(reading.await(20, TimeUnit.SECONDS)).as("the upload is being read").isTrue();

            assertThat(bodies.capacityBytes() - bodies.availableBytes())
                    .as("held while the body arrives: a whole upload's worth, as it declared no length")
                    .isGreaterThanOrEqualTo(Footprint.reading(SMALL.maxUploadBytes(), false));
            assertThat(media.intake().memory().capacityBytes() - media.intake().memory().availableBytes())
                    .as("no decoding memory yet").isEqualTo(bodies.capacityBytes() - bodies.availableBytes());
            release.countDown();
            assertThat(slow.get(20, TimeUnit.SECONDS).format()).isEqualTo(ImageFormat.JPEG);
        }
        assertThat(bodies.availableBytes()).isEqualTo(bodies.capacityBytes());
    }

    /**
     * Uploads whose bodies arrive at the same time, more than the share can decode at once. When each
     * reserved its body and then waited, holding it, to grow to what decoding needs, their bodies filled
     * the share and none could ever grow: every one was refused when its patience ran out.
     */
    @Test
    void uploadsArrivingTogetherAreAllTakenInOneAfterAnotherWhenTheShareHoldsOneAtATime() throws Exception {
        Media media = tightMedia(Duration.ofSeconds(10));
        int uploads = 5;
        CountDownLatch allStarted = new CountDownLatch(uploads);
        List<Future<StoredImage>> stored = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < uploads; i++) {
                byte[] photo = TestImages.jpeg(TestImages.photoLike(1000, 1000, 20 + i));
                stored.add(threads.submit(() -> media.store(new TogetherStream(photo, allStarted), ImageRules.defaults())));
            }
            for (Future<StoredImage> upload : stored) {
                assertThat(upload.get(60, TimeUnit.SECONDS).format()).isEqualTo(ImageFormat.JPEG);
            }
        }
    }

    @Test
    void aServerWhoseShareCannotHoldTheLargestLegalUploadRefusesToStartAndSaysWhatToChange() {
        long tooSmallHeap = Footprint.largest(MediaConfig.defaults()) / MediaConfig.DEFAULT_UPLOAD_MEMORY_PERCENT * 100 / 2;

        assertThatThrownBy(() -> Media.create(db, clock, MediaConfig.defaults(), tooSmallHeap, Duration.ofSeconds(MediaConfig.DEFAULT_UPLOAD_WAIT_SECONDS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("media.uploadMemoryPercent=60")
                .hasMessageContaining("-Xmx")
                .hasMessageContaining("media.maxPixels=40000000");
    }

    /** Waits (up to 20 s) until an upload waits for memory. */
    private static void awaitWaiting(MemoryBudget budget) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (budget.waiting() == 0) {
            assertThat(System.nanoTime()).as("an upload waiting for memory within 20 s").isLessThan(deadline);
            Thread.yield();
        }
    }

    /** What decoding {@code upload} reserves once its header is read. */
    private static long work(byte[] upload) {
        Inspection inspection = new Reencoder(SMALL).inspect(upload, SizeLimits.of(SMALL));
        return Footprint.work(inspection, SMALL.displayLongSidePixels());
    }

    private static long kibibytes(long bytes) {
        return (bytes + 1023) / 1024 * 1024;
    }

    private static void refused(Runnable upload, MediaProblem problem) {
        assertThat(catchThrowableOfType(ParleyException.class, upload::run).type()).isEqualTo(problem);
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static InputStream failingStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the connection was reset");
            }
        };
    }

    /** Counts the bytes read from it. */
    private static final class CountingStream extends InputStream {
        private final InputStream bytes;
        volatile int read;

        CountingStream(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() throws IOException {
            int b = bytes.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }
    }

    /**
     * Gives its first byte only once every upload of the group has asked for its first, or after a second:
     * bodies arriving together, as over a network, so that each is being read while the others are.
     */
    private static final class TogetherStream extends InputStream {
        private final InputStream bytes;
        private final CountDownLatch allStarted;
        private boolean first = true;

        TogetherStream(byte[] bytes, CountDownLatch allStarted) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.allStarted = allStarted;
        }

        @Override
        public int read() throws IOException {
            if (first) {
                first = false;
                allStarted.countDown();
                try {
                    // Not a test's wait for a condition: a body that takes a moment to arrive.
                    allStarted.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            return bytes.read();
        }
    }

    /** Says it started, then serves its bytes only once released: an upload arriving slowly. */
    private static final class SlowStream extends InputStream {
        private final InputStream bytes;
        private final CountDownLatch started;
        private final CountDownLatch release;
        private boolean first = true;

        SlowStream(byte[] bytes, CountDownLatch started, CountDownLatch release) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.started = started;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            if (first) {
                first = false;
                started.countDown();
                try {
                    if (!release.await(20, TimeUnit.SECONDS)) {
                        throw new IOException("the test never released the upload");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            return bytes.read();
        }
    }
}
