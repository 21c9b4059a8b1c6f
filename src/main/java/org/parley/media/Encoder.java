package org.parley.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes pixels as JPEG or PNG with no metadata at all: ImageIO is given none, so the output holds only
 * what the format needs (JPEG: a JFIF header, tables, one scan; PNG: IHDR, IDAT, IEND). Fixed settings
 * make the output a pure function of the pixels on a given JDK, which content addressing relies on.
 */
final class Encoder {

    /** Visually clean for photographs at about a tenth of the raw size. */
    static final float JPEG_QUALITY = 0.85f;
    /**
     * ImageIO's PNG "quality" picks the deflate level, 0 being the strongest. Encoded once, served often, and
     * never larger than the display size: at most a few hundred milliseconds (a 1,600 px photograph).
     */
    static final float PNG_QUALITY = 0.0f;

    private Encoder() {
    }

    /**
     * With the format's fixed settings. For JPEG {@code image} must be opaque (TYPE_INT_RGB); the output is
     * baseline, 4:2:0, with optimised Huffman tables.
     */
    static byte[] encode(ImageFormat format, BufferedImage image) {
        ImageWriter writer = writer(format == ImageFormat.JPEG ? "jpeg" : "png");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(format == ImageFormat.JPEG ? JPEG_QUALITY : PNG_QUALITY);
        if (param instanceof JPEGImageWriteParam jpeg) {
            jpeg.setOptimizeHuffmanTables(true);
        }
        return write(writer, image, param);
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        Blocks out = new Blocks();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a " + image.getWidth() + " × " + image.getHeight() + " image in memory", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * Collects the encoded bytes in blocks of {@value #BLOCK_BYTES} bytes. A growing array would copy itself
     * at every doubling, allocating up to four times the output (a PNG of a noisy picture is megabytes);
     * blocks plus the final array hold it twice at most, which {@link Footprint} counts on.
     */
    private static final class Blocks extends OutputStream {

        private static final int BLOCK_BYTES = 256 << 10;

        private final List<byte[]> blocks = new ArrayList<>();
        private int used = BLOCK_BYTES;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                if (used == BLOCK_BYTES) {
                    blocks.add(new byte[BLOCK_BYTES]);
                    used = 0;
                }
                int n = Math.min(length, BLOCK_BYTES - used);
                System.arraycopy(bytes, offset, blocks.getLast(), used, n);
                used += n;
                offset += n;
                length -= n;
            }
        }

        byte[] toByteArray() {
            int size = blocks.isEmpty() ? 0 : (blocks.size() - 1) * BLOCK_BYTES + used;
            byte[] all = new byte[size];
            for (int i = 0; i < blocks.size(); i++) {
                System.arraycopy(blocks.get(i), 0, all, i * BLOCK_BYTES, i == blocks.size() - 1 ? used : BLOCK_BYTES);
            }
            return all;
        }
    }

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return writers.next();
    }
}
