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
 * Uploads take their memory from the share all uploads have, give it back however they end, wait for it
 * when it is spent and are refused with 503 when it does not come back in time. The share here is as
 * small as the limits allow (1 MiB uploads of at most a megapixel), so a few uploads spend it.
 */
class IntakeTest {

    private static final MediaConfig SMALL = new MediaConfig(1 << 20, 1_000_000, 1600, 320);
    private static final Duration SHORT_PATIENCE = Duration.ofMillis(300);

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
    void everyWayAnUploadEndsGivesItsMemoryBack() {
        Media media = tightMedia(SHORT_PATIENCE);
        long all = media.intake().budget().capacityBytes();
        byte[] brokenPixels = TestImages.concat(TestImages.pngSignature(), TestImages.ihdr(64, 48, 8, 2),
                TestImages.chunk("IDAT", filled(200, (byte) 0x55)), TestImages.chunk("IEND", new byte[0]));
        List<Consumer<Media>> endings = List.of(
                m -> m.store(MediaStoreContract.picture(1)),
                m -> m.store(new ByteArrayInputStream(MediaStoreContract.picture(2)), ImageRules.defaults()),
                m -> refused(() -> m.store(TestImages.ascii("<svg onload=alert(1)>")), MediaProblem.UNSUPPORTED_IMAGE),
                m -> refused(() -> m.store(brokenPixels), MediaProblem.BROKEN_IMAGE),
                m -> refused(() -> m.store(new ByteArrayInputStream(filled((1 << 20) + 10, (byte) 0xFF)), ImageRules.defaults()),
                        MediaProblem.IMAGE_TOO_LARGE),
                m -> assertThatThrownBy(() -> m.store(failingStream(), ImageRules.defaults()))
                        .isInstanceOf(UncheckedIOException.class));

        for (int i = 0; i < endings.size(); i++) {
            endings.get(i).accept(media);

            assertThat(media.intake().budget().availableBytes()).as("memory free after ending %d", i).isEqualTo(all);
        }
    }

    @Test
    void anUploadThatFindsTheMemorySpentWaitsItsPatienceThenGets503WithRetryAfter() {
        Media media = tightMedia(SHORT_PATIENCE);
        MemoryBudget budget = media.intake().budget();
        byte[] late = MediaStoreContract.picture(3);
        try (MemoryBudget.Reservation others = budget.open()) {
            assertThat(others.growTo(budget.capacityBytes() - footprint(late) + 1024, Duration.ZERO)).isTrue();
            long started = System.nanoTime();

            ParleyException busy = catchThrowableOfType(ParleyException.class, () -> media.store(late));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT_PATIENCE);
            assertThat(busy).isInstanceOf(ParleyException.Unavailable.class);
            assertThat(busy.type()).isEqualTo(MediaProblem.UPLOADS_BUSY);
            assertThat(busy.type().status()).isEqualTo(503);
            assertThat(((ParleyException.Unavailable) busy).retryAfterSeconds()).isEqualTo(Intake.BUSY_RETRY_SECONDS);
            assertThat(busy.detail()).contains("send yours again in " + Intake.BUSY_RETRY_SECONDS + " seconds");
        }
        assertThat(budget.availableBytes()).isEqualTo(budget.capacityBytes());
        assertThat(media.store(late).format()).as("room again").isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void aWaitingUploadIsTakenInAsSoonAsAnotherGivesItsMemoryBack() throws Exception {
        Media media = tightMedia(Duration.ofSeconds(30));
        MemoryBudget budget = media.intake().budget();
        MemoryBudget.Reservation others = budget.open();
        assertThat(others.growTo(budget.capacityBytes(), Duration.ZERO)).isTrue();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<StoredImage> waiting = threads.submit(() -> media.store(MediaStoreContract.picture(4)));
            awaitWaiting(budget);

            others.close();

            assertThat(waiting.get(30, TimeUnit.SECONDS).format()).isEqualTo(ImageFormat.JPEG);
        }
    }

    @Test
    void aBodyHoldsItsMemoryWhileItArrivesSoWaitingUploadsHoldNoMore() throws Exception {
        Media media = tightMedia(SHORT_PATIENCE);
        MemoryBudget budget = media.intake().budget();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<StoredImage> slow = threads.submit(() -> media.store(
                    new SlowStream(MediaStoreContract.picture(5), reading, release), ImageRules.defaults()));
            assertThat(reading.await(20, TimeUnit.SECONDS)).as("the upload is being read").isTrue();

            assertThat(budget.capacityBytes() - budget.availableBytes())
                    .as("held while the body arrives: a whole upload's worth, as it declared no length")
                    .isGreaterThanOrEqualTo(Footprint.reading(SMALL.maxUploadBytes() + 1));
            release.countDown();
            assertThat(slow.get(20, TimeUnit.SECONDS).format()).isEqualTo(ImageFormat.JPEG);
        }
        assertThat(budget.availableBytes()).isEqualTo(budget.capacityBytes());
    }

    @Test
    void aServerWhoseShareCannotHoldTheLargestLegalUploadRefusesToStartAndSaysWhatToChange() {
        long tooSmallHeap = Footprint.largest(MediaConfig.defaults()) / MediaConfig.DEFAULT_UPLOAD_MEMORY_PERCENT * 100 / 2;

        assertThatThrownBy(() -> Media.create(db, clock, MediaConfig.defaults(), tooSmallHeap, Media.PATIENCE))
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

    /** What storing {@code upload} reserves once its header is read. */
    private static long footprint(byte[] upload) {
        Inspection inspection = new Reencoder(SMALL).inspect(upload, SizeLimits.of(SMALL));
        return Footprint.of(inspection, upload.length, SMALL.displayLongSidePixels());
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
