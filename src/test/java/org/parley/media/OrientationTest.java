package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the EXIF orientation tag, and turning pixels the way each of its eight values says. */
class OrientationTest {

    /** A 3 × 2 image whose pixels are numbered 1–6 in reading order. */
    static BufferedImage numbered() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 6; i++) {
            image.setRGB(i % 3, i / 3, i + 1);
        }
        return image;
    }

    static String rows(BufferedImage image) {
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < image.getHeight(); y++) {
            out.append(y == 0 ? "" : "/");
            for (int x = 0; x < image.getWidth(); x++) {
                out.append(image.getRGB(x, y) & 0xFF);
            }
        }
        return out.toString();
    }

    /** Upright results for 123/456 stored with each orientation value (EXIF 2.32, tag 0x0112). */
    @ParameterizedTest
    @CsvSource({
            "1, 123/456", "2, 321/654", "3, 654/321", "4, 456/123",
            "5, 14/25/36", "6, 41/52/63", "7, 63/52/41", "8, 36/25/14"})
    void eachOrientationTurnsThePixelsUpright(int value, String expected) {
        Orientation orientation = Orientation.fromExif(tiff(true, value));

        assertThat(rows(orientation.apply(numbered()))).isEqualTo(expected);
        assertThat(orientation.swapsSides()).isEqualTo(value >= 5);
    }

    @Test
    void bigEndianExifAndTheExifPrefixAreRead() {
        assertThat(Orientation.fromExif(tiff(false, 6))).isEqualTo(Orientation.ROTATE_90_CW);
        byte[] segment = TestImages.exifSegment(8);
        assertThat(Orientation.fromExif(Arrays.copyOfRange(segment, 4, segment.length))).isEqualTo(Orientation.ROTATE_270_CW);
    }

    @Test
    void missingOrMalformedExifMeansUpright() {
        assertThat(Orientation.fromExif(new byte[0])).isEqualTo(Orientation.NORMAL);
        assertThat(Orientation.fromExif(TestImages.ascii("XX*\0\0\0\0\0"))).isEqualTo(Orientation.NORMAL);
        assertThat(Orientation.fromExif(tiff(true, 9))).as("out of range").isEqualTo(Orientation.NORMAL);
        byte[] cut = tiff(true, 6);
        assertThat(Orientation.fromExif(Arrays.copyOf(cut, 14))).as("entry cut off").isEqualTo(Orientation.NORMAL);
        ByteBuffer wild = ByteBuffer.wrap(tiff(true, 6)).order(ByteOrder.LITTLE_ENDIAN);
        wild.putInt(4, Integer.MAX_VALUE);
        assertThat(Orientation.fromExif(wild.array())).as("IFD offset past the end").isEqualTo(Orientation.NORMAL);
    }

    /** A TIFF block with one IFD holding only the orientation. */
    static byte[] tiff(boolean little, int orientation) {
        ByteBuffer b = ByteBuffer.allocate(26).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(TestImages.ascii(little ? "II" : "MM")).putShort((short) 42).putInt(8);
        b.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }
}
