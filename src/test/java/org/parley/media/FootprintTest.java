package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory reserved for an upload covers what re-encoding it really allocates, kind of image by kind of
 * image: every buffer of 512 KiB or more, summed as if all were alive at once ({@link LargeAllocations}).
 * Smaller buffers (rows, thumbnails, encoder state) are what the footprint's slack is for.
 */
class FootprintTest {

    private static final Logger LOG = LoggerFactory.getLogger(FootprintTest.class);
    private static final long MIB = 1 << 20;

    static final Reencoder reencoder = new Reencoder(MediaConfig.defaults());

    @TempDir
    Path dir;

    static Stream<Arguments> uploads() {
        return Stream.of(
                Arguments.of("16-bit RGBA PNG, 3199 × 3199, turned by eXIf: the largest decode",
                        (Supplier<byte[]>) () -> TestImages.rawPng(3199, 3199, 16, 6, false, TestImages.pngExif(6))),
                Arguments.of("8-bit RGB PNG, 3199 × 3199, decoded whole",
                        (Supplier<byte[]>) () -> TestImages.rawPng(3199, 3199, 8, 2, false)),
                Arguments.of("8-bit RGBA PNG, 4900 × 3300, subsampled by 3",
                        (Supplier<byte[]>) () -> TestImages.rawPng(4900, 3300, 8, 6, false)),
                Arguments.of("grey and alpha PNG, 3000 × 2000, averaged by area",
                        (Supplier<byte[]>) () -> TestImages.rawPng(3000, 2000, 8, 4, false)),
                Arguments.of("1-bit palette PNG, 3199 × 3199",
                        (Supplier<byte[]>) () -> TestImages.rawPng(3199, 3199, 1, 3, false)),
                Arguments.of("RGBA noise PNG, 1100 × 1100: the largest encoded display",
                        (Supplier<byte[]>) () -> TestImages.rawPng(1100, 1100, 8, 6, true)),
                Arguments.of("RGB noise PNG, 1300 × 1300: PNG and JPEG both encoded",
                        (Supplier<byte[]>) () -> TestImages.rawPng(1300, 1300, 8, 2, true)),
                Arguments.of("JPEG photograph, 3199 × 3199, turned by EXIF",
                        (Supplier<byte[]>) () -> TestImages.withSegments(TestImages.jpeg(TestImages.photoLike(3199, 3199, 1)),
                                TestImages.exifSegment(6))),
                Arguments.of("CMYK JPEG, 3199 × 3199", (Supplier<byte[]>) () -> TestImages.cmykJpeg(3199, 3199)),
                Arguments.of("GIF, 3199 × 3199", (Supplier<byte[]>) () -> TestImages.gifBomb(3199, 3199)),
                Arguments.of("WebP, 4096 × 4096, decoded whole then subsampled",
                        (Supplier<byte[]>) () -> TestImages.webpSolid(4096, 4096, 0x80336699)));
    }

    /** Loads and initialises every reader, writer and drawing loop, so that only uploads' own buffers are counted. */
    @BeforeAll
    static void warmUp() {
        for (byte[] small : List.of(TestImages.rawPng(64, 48, 16, 6, false, TestImages.pngExif(6)),
                TestImages.rawPng(64, 48, 8, 2, false), TestImages.rawPng(64, 48, 8, 4, false), TestImages.rawPng(64, 48, 1, 3, false),
                TestImages.rawPng(64, 48, 8, 6, true), TestImages.rawPng(64, 48, 8, 2, true), TestImages.cmykJpeg(64, 48),
                TestImages.withSegments(TestImages.jpeg(TestImages.photoLike(64, 48, 1)), TestImages.exifSegment(6)),
                TestImages.gifBomb(64, 48), TestImages.webpSolid(64, 48, 0x80336699))) {
            reencoder.reencode(small);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uploads")
    void theReservationCoversEveryLargeBufferReEncodingAllocates(String kind, Supplier<byte[]> make) throws IOException {
        byte[] upload = make.get();
        Inspection inspection = reencoder.inspect(upload, SizeLimits.of(MediaConfig.defaults()));
        long reserved = Footprint.of(inspection, upload.length, MediaConfig.DEFAULT_DISPLAY_LONG_SIDE);

        long allocated = LargeAllocations.of(() -> reencoder.reencode(upload), dir);

        LOG.info("{}: {} bytes uploaded, {} MiB reserved, {} MiB in large buffers", kind, upload.length,
                reserved / MIB, allocated / MIB);
        // The upload itself was allocated before the measurement; in a real upload the reservation holds it too.
        assertThat(reserved - upload.length).as("%s: reserved beyond the upload, against large buffers allocated", kind)
                .isGreaterThanOrEqualTo(allocated);
    }

    @Test
    void theLargestLegalUploadFitsTheDefaultShareOfTheReadmesHeap() {
        long heap = 256 * MIB;
        long share = heap / 100 * MediaConfig.DEFAULT_UPLOAD_MEMORY_PERCENT;

        assertThat(Footprint.largest(MediaConfig.defaults())).isLessThanOrEqualTo(share);
    }

    @Test
    void theLargestFootprintIsAtLeastThatOfEveryShapeWithinTheLimits() {
        MediaConfig config = MediaConfig.defaults();
        long largest = Footprint.largest(config);
        int display = config.displayLongSidePixels();
        for (int longSide = 16; longSide <= 40_000; longSide += 37) {
            for (int shortSide : new int[] {1, longSide / 3, longSide / 2, longSide}) {
                if (shortSide < 1 || (long) longSide * shortSide > config.maxPixels()) {
                    continue;
                }
                long png = Footprint.of(UploadFormat.PNG, longSide, shortSide, 8, true, config.maxUploadBytes(), display);
                assertThat(png).as("16-bit RGBA PNG %d × %d", longSide, shortSide).isLessThanOrEqualTo(largest);
                if ((long) longSide * shortSide <= Decoder.WEBP_MAX_PIXELS) {
                    long webp = Footprint.of(UploadFormat.WEBP, longSide, shortSide, 4, true, config.maxUploadBytes(), display);
                    assertThat(webp).as("WebP %d × %d", longSide, shortSide).isLessThanOrEqualTo(largest);
                }
            }
        }
    }
}
