package org.parley.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
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

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return writers.next();
    }
}
