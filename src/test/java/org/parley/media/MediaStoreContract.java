package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.http.ParleyException;
import org.parley.sites.ImageRules;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.MutableClock;

/** What the media feature promises about stored images, run once per database. Subclasses only say which. */
abstract class MediaStoreContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    Media media;

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        media = Media.create(db, clock, MediaConfig.defaults());
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    static byte[] picture(int seed) {
        return TestImages.jpeg(TestImages.photoLike(48, 32, seed));
    }

    @Test
    void aStoredImageIsFoundAndBothVariantsAreServedInItsFormat() {
        StoredImage stored = media.store(TestImages.png(TestImages.transparentDisc(40)));

        assertThat(media.find(stored.id())).contains(stored);
        assertThat(stored.format()).isEqualTo(ImageFormat.PNG);
        for (Variant variant : Variant.values()) {
            ImageBytes bytes = media.variant(stored.id(), variant).orElseThrow();
            assertThat(bytes.contentType()).isEqualTo("image/png");
            BufferedImage image = TestImages.read(bytes.bytes());
            assertThat(image.getWidth()).isEqualTo(stored.width(variant));
            assertThat(image.getHeight()).isEqualTo(stored.height(variant));
        }
        assertThat(stored.id().value()).isEqualTo(Rendition.idOf(ImageFormat.PNG,
                media.variant(stored.id(), Variant.DISPLAY).orElseThrow().bytes(),
                media.variant(stored.id(), Variant.THUMB).orElseThrow().bytes()).value());
    }

    @Test
    void theSameBytesAreStoredOnce() {
        StoredImage first = media.store(picture(1));
        StoredImage again = media.store(picture(1));
        StoredImage other = media.store(picture(2));

        assertThat(again).isEqualTo(first);
        assertThat(other.id()).isNotEqualTo(first.id());
        clock.advance(Duration.ofDays(1));
        assertThat(media.deleteUnreferenced(showing(), clock.instant())).as("rows stored").isEqualTo(2);
    }

    @Test
    void unknownImagesAreEmpty() {
        ImageId unknown = new ImageId("0".repeat(64));

        assertThat(media.find(unknown)).isEmpty();
        assertThat(media.variant(unknown, Variant.DISPLAY)).isEmpty();
        assertThat(media.delete(unknown)).isFalse();
    }

    @Test
    void unreferencedImagesUploadedBeforeTheCutOffAreDeletedAndOthersKept() {
        StoredImage referenced = media.store(picture(1));
        StoredImage orphan = media.store(picture(2));
        clock.advance(Duration.ofHours(2));
        StoredImage fresh = media.store(picture(3));

        int deleted = media.deleteUnreferenced(showing(referenced.id()), clock.instant().minus(Duration.ofHours(1)));

        assertThat(deleted).isEqualTo(1);
        assertThat(media.find(orphan.id())).isEmpty();
        assertThat(media.variant(orphan.id(), Variant.THUMB)).isEmpty();
        assertThat(media.find(referenced.id())).as("still referenced").isPresent();
        assertThat(media.find(fresh.id())).as("uploaded after the cut-off: its comment may still be on its way").isPresent();
    }

    @Test
    void uploadingAnImageAgainSparesItFromTheNextSweep() {
        StoredImage old = media.store(picture(1));
        clock.advance(Duration.ofDays(2));
        media.store(picture(1));

        assertThat(media.deleteUnreferenced(showing(), clock.instant().minus(Duration.ofDays(1)))).isZero();
        assertThat(media.find(old.id())).isPresent();
    }

    @Test
    void deletingRemovesAnImageAtOnceWhateverRefersToIt() {
        StoredImage stored = media.store(picture(1));

        assertThat(media.delete(stored.id())).isTrue();

        assertThat(media.find(stored.id())).isEmpty();
        assertThat(media.variant(stored.id(), Variant.DISPLAY)).isEmpty();
    }

    @Test
    void aStreamLongerThanTheLimitIsRefusedAfterOneByteTooMany() {
        Media small = Media.create(db, clock, new MediaConfig(4096, 1_000_000, 1600, 320));
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 0xFF;
            }
        };

        ParleyException e = catchThrowableOfType(ParleyException.class, () -> small.store(endless, ImageRules.defaults()));

        assertThat(e.type()).isEqualTo(MediaProblem.IMAGE_TOO_LARGE);
        assertThat(served.get()).isEqualTo(4097);
        assertThat(small.store(new ByteArrayInputStream(picture(1)), ImageRules.defaults()).format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void aSweepDeletesEveryUnreferencedImageOnce() {
        for (int i = 0; i < 3; i++) {
            media.store(picture(10 + i));
        }
        clock.advance(Duration.ofDays(1));

        assertThat(media.deleteUnreferenced(showing(), clock.instant())).isEqualTo(3);
        assertThat(media.deleteUnreferenced(showing(), clock.instant())).isZero();
    }

    /** The comments side's answer when the given images, and only they, are shown by some comment. */
    private static java.util.function.Function<List<ImageId>, Set<ImageId>> showing(ImageId... shown) {
        Set<ImageId> referenced = Set.of(shown);
        return ids -> ids.stream().filter(id -> !referenced.contains(id)).collect(java.util.stream.Collectors.toSet());
    }
}
