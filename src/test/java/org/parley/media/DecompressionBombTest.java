package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.media.TestImages.ascii;
import static org.parley.media.TestImages.concat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.parley.http.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files built to exhaust memory are refused, or handled, without the memory they ask for. Memory is
 * measured as the bytes this thread allocates during the call (HotSpot's per-thread allocation counter),
 * which counts every array a decoder would create, whether or not the collector has freed it since.
 */
class DecompressionBombTest {

    private static final Logger LOG = LoggerFactory.getLogger(DecompressionBombTest.class);
    /** 50,000 × 50,000 pixels: 2.5 gigapixels, 7.5 GB as RGB, 10 GB as ARGB ints. */
    private static final int SIDE = 50_000;
    private static final long MEBIBYTE = 1 << 20;

    final Reencoder reencoder = new Reencoder(MediaConfig.defaults());

    record Measured<T>(T result, long allocatedBytes) {
    }

    static <T> Measured<T> allocating(Supplier<T> work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        T result = work.get();
        return new Measured<>(result, threads.getCurrentThreadAllocatedBytes() - before);
    }

    static Stream<Arguments> bombs() {
        return Stream.of(
                Arguments.of("PNG", TestImages.pngBomb(SIDE, SIDE)),
                Arguments.of("GIF", TestImages.gifBomb(SIDE, SIDE)),
                Arguments.of("JPEG", TestImages.jpegDeclaring(SIDE, SIDE)),
                Arguments.of("WebP", TestImages.webpBomb(16_384, 16_384)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bombs")
    void anImageDeclaringBillionsOfPixelsIsRefusedFromItsHeaderWithoutDecoding(String format, byte[] bomb) {
        ReencoderTest.refusal(reencoder, bomb); // classes loaded and initialised: not counted below

        Measured<ParleyException> refused = allocating(() -> ReencoderTest.refusal(reencoder, bomb));

        LOG.info("{} bomb of {} bytes: refused after allocating {} bytes", format, bomb.length, refused.allocatedBytes());
        assertThat(refused.result().type()).isEqualTo(MediaProblem.IMAGE_TOO_MANY_PIXELS);
        assertThat(refused.result().detail()).contains("pixels");
        assertThat(refused.allocatedBytes())
                .as("a decode would need gigabytes; refusing needs a few copies of the small file at most")
                .isLessThan(MEBIBYTE);
    }

    /**
     * A 16 × 16 palette PNG with a zTXt chunk that inflates to 64 MiB. Parley hands the decoder only the
     * chunks needed to draw the image, so no reader gets the chance to inflate it (ImageIO's current PNG
     * reader defers such text, but safety should not rest on that).
     */
    @Test
    void compressedTextInAPngIsNeverInflated() {
        byte[] bomb = TestImages.afterIhdr(palettePng(),
                TestImages.chunk("zTXt", concat(ascii("Comment\0\0"), TestImages.deflatedZeros(64 * MEBIBYTE))));
        reencoder.reencode(palettePng());

        Measured<Rendition> stored = allocating(() -> reencoder.reencode(bomb));

        LOG.info("zTXt bomb of {} bytes (64 MiB inflated): stored after allocating {} bytes", bomb.length, stored.allocatedBytes());
        assertThat(stored.result().width()).isEqualTo(16);
        assertThat(stored.allocatedBytes()).isLessThan(2 * MEBIBYTE);
    }

    @Test
    void aLargeButAllowedImageIsDecodedSubsampledWithinAFewTimesTheDisplaySize() {
        byte[] upload = TestImages.png(TestImages.solid(6400, 4000, TestImages.RED)); // 25.6 MP: 77 MB as RGB bytes
        reencoder.reencode(TestImages.png(TestImages.solid(8, 8, TestImages.RED)));

        Measured<Rendition> stored = allocating(() -> reencoder.reencode(upload));

        LOG.info("6400 × 4000 PNG ({} bytes): stored after allocating {} bytes", upload.length, stored.allocatedBytes());
        assertThat(stored.result().displayWidth()).isEqualTo(1600);
        assertThat(stored.allocatedBytes()).as("decoded at 3200 × 2000 (19 MB), not 6400 × 4000 (77 MB)")
                .isLessThan(64 * MEBIBYTE);
    }

    private static byte[] palettePng() {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {0, (byte) 200}, new byte[] {0, 0}, new byte[] {0, 0});
        return TestImages.png(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED, palette));
    }
}
