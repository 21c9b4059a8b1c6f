package org.parley.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Images for media tests, made here byte by byte or with ImageIO: small, so tests stay fast, and hostile
 * where a test needs them to be (metadata to strip, bombs, polyglots, truncations).
 */
final class TestImages {

    static final Color RED = new Color(220, 30, 30);
    static final Color BLUE = new Color(30, 30, 220);

    private TestImages() {
    }

    // ---- pixels -------------------------------------------------------------------------------------

    /** Left half red, right half blue. */
    static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Smooth gradients with fine grain: compresses like a photograph (well as JPEG, badly as PNG). */
    static BufferedImage photoLike(int width, int height, long seed) {
        return grainyPhoto(width, height, seed, 12);
    }

    /**
     * Smooth gradients with grain of ± {@code grain} levels per channel: the more grain, the worse it
     * compresses, as a photograph taken in dim light (a sensor's noise) does.
     */
    static BufferedImage grainyPhoto(int width, int height, long seed, int grain) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(40 + 180 * x / width + random.nextInt(2 * grain + 1) - grain);
                int g = clamp(60 + 150 * y / height + random.nextInt(2 * grain + 1) - grain);
                int b = clamp(200 - 120 * (x + y) / (width + height) + random.nextInt(2 * grain + 1) - grain);
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /**
     * A phone's 12-megapixel photograph (4032 × 3024) of about 5 MB, just under the default 5 MiB limit:
     * grain as a photograph taken indoors has, encoded at quality 0.9 as phones do.
     */
    static byte[] fiveMegabytePhoneJpeg(long seed) {
        return jpeg(grainyPhoto(4032, 3024, seed, 25), 0.9f);
    }

    /** A transparent square with an opaque red disc in the middle. */
    static BufferedImage transparentDisc(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(RED);
        g.fillOval(size / 4, size / 4, size / 2, size / 2);
        g.dispose();
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    // ---- ImageIO encodings --------------------------------------------------------------------------

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    /** A baseline JPEG at {@code quality} (0..1; ImageIO's default is 0.75). */
    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    /** A PNG written with Adam7 interlacing. */
    static byte[] interlacedPng(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A GIF whose frames are the given images, in order. */
    static byte[] animatedGif(BufferedImage... frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A 2-colour palette GIF: index 0 transparent, index 1 red, a red square in the middle. */
    static byte[] transparentGif(int size) {
        IndexColorModel palette = new IndexColorModel(1, 2, new byte[] {0, (byte) 220}, new byte[] {0, 30}, new byte[] {0, 30}, 0);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int y = size / 4; y < size * 3 / 4; y++) {
            for (int x = size / 4; x < size * 3 / 4; x++) {
                image.getRaster().setSample(x, y, 0, 1);
            }
        }
        return encode(image, "gif");
    }

    // ---- JPEG segments ------------------------------------------------------------------------------

    /** {@code jpeg} with {@code segments} (each a whole marker segment) inserted right after SOI. */
    static byte[] withSegments(byte[] jpeg, byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        for (byte[] segment : segments) {
            out.writeBytes(segment);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static byte[] segment(int marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * An APP1 EXIF segment, little-endian TIFF, built field by field: IFD0 holds Orientation ({@code
     * orientation}) and a pointer to a GPS IFD with version, latitude 35°27'36" N and longitude 139°38'24" E.
     */
    static byte[] exifSegment(int orientation) {
        ByteBuffer t = ByteBuffer.allocate(152).order(ByteOrder.LITTLE_ENDIAN);
        t.put(ascii("II")).putShort((short) 42).putInt(8);
        // IFD0 at 8: two entries, then the next-IFD offset (none). 8 + 2 + 24 + 4 = 38.
        t.putShort((short) 2);
        entry(t, 0x0112, 3, 1).putShort((short) orientation).putShort((short) 0);
        entry(t, 0x8825, 4, 1).putInt(38);
        t.putInt(0);
        // GPS IFD at 38: five entries. 38 + 2 + 60 + 4 = 104: latitude's rationals, then longitude's at 128.
        t.putShort((short) 5);
        entry(t, 0x0000, 1, 4).put(new byte[] {2, 3, 0, 0});
        entry(t, 0x0001, 2, 2).put(ascii("N\0\0\0"));
        entry(t, 0x0002, 5, 3).putInt(104);
        entry(t, 0x0003, 2, 2).put(ascii("E\0\0\0"));
        entry(t, 0x0004, 5, 3).putInt(128);
        t.putInt(0);
        for (int[] rational : new int[][] {{35, 1}, {27, 1}, {3600, 100}, {139, 1}, {38, 1}, {2400, 100}}) {
            t.putInt(rational[0]).putInt(rational[1]);
        }
        return segment(0xE1, concat(ascii("Exif\0\0"), t.array()));
    }

    private static ByteBuffer entry(ByteBuffer t, int tag, int type, int count) {
        return t.putShort((short) tag).putShort((short) type).putInt(count);
    }

    static byte[] xmpSegment() {
        return segment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"),
                ascii("<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><rdf:Description exif:GPSLatitude='35,27.6N'/>"
                        + "</rdf:RDF></x:xmpmeta>")));
    }

    static byte[] iccSegment() {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        return segment(0xE2, concat(ascii("ICC_PROFILE\0"), new byte[] {1, 1}, profile));
    }

    static byte[] commentSegment(String text) {
        return segment(0xFE, ascii(text));
    }

    /** The markers of a JPEG, in order, up to and including EOI (entropy-coded data skipped). */
    static List<Integer> jpegMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int pos = 2;
        markers.add(0xD8);
        while (pos < jpeg.length) {
            while (jpeg[pos] == (byte) 0xFF) {
                pos++;
            }
            int marker = jpeg[pos++] & 0xFF;
            markers.add(marker);
            if (marker == 0xD9) {
                break;
            }
            int length = (jpeg[pos] & 0xFF) << 8 | (jpeg[pos + 1] & 0xFF);
            pos += length;
            if (marker == 0xDA) {
                while (!(jpeg[pos] == (byte) 0xFF && jpeg[pos + 1] != 0 && (jpeg[pos + 1] & 0xF8) != 0xD0)) {
                    pos++;
                }
            }
        }
        return markers;
    }

    /** Index just after the EOI marker found by walking the JPEG's structure. */
    static int jpegEnd(byte[] jpeg) {
        List<Integer> markers = jpegMarkers(jpeg);
        if (markers.getLast() != 0xD9) {
            throw new AssertionError("no EOI");
        }
        for (int i = jpeg.length - 2; i >= 0; i--) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xD9) {
                return i + 2;
            }
        }
        throw new AssertionError("no EOI");
    }

    // ---- PNG chunks ---------------------------------------------------------------------------------

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] name = ascii(type);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        b.putInt(data.length).put(name).put(data).putInt((int) crc.getValue());
        return b.array();
    }

    static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        return chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array());
    }

    static byte[] pngSignature() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    }

    /** Chunk types of a PNG in order; fails if bytes follow IEND. */
    static List<String> pngChunks(byte[] png) {
        List<String> types = new ArrayList<>();
        int pos = 8;
        while (pos < png.length) {
            int length = ByteBuffer.wrap(png, pos, 4).getInt();
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            types.add(type);
            pos += 12 + length;
            if (type.equals("IEND") && pos != png.length) {
                throw new AssertionError((png.length - pos) + " bytes after IEND");
            }
        }
        return types;
    }

    /** {@code png} with {@code chunk} inserted right after IHDR. */
    static byte[] afterIhdr(byte[] png, byte[] chunk) {
        int cut = 8 + 12 + 13;
        return concat(Arrays.copyOf(png, cut), chunk, Arrays.copyOfRange(png, cut, png.length));
    }

    /** Deflates {@code count} zero bytes, a chunk at a time: a small stream that inflates hugely. */
    static byte[] deflatedZeros(long count) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (long left = count; left > 0; left -= zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, left));
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * A whole PNG of {@code width × height} at {@code bitDepth} and {@code colourType} (palette images get
     * a black palette): every sample zero, so it deflates to a few hundred kilobytes however large it is
     * (a blank screenshot), or random bytes when {@code noise}, which no compressor shrinks. {@code chunks}
     * go right after the header.
     */
    static byte[] rawPng(int width, int height, int bitDepth, int colourType, boolean noise, byte[]... chunks) {
        int channels = switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        long rowBytes = 1 + ((long) width * channels * bitDepth + 7) / 8;
        byte[] pixels = noise ? deflatedNoise(rowBytes, height) : deflatedZeros(rowBytes * height);
        return concat(pngSignature(), ihdr(width, height, bitDepth, colourType), concat(chunks),
                colourType == 3 ? chunk("PLTE", new byte[768]) : new byte[0], chunk("IDAT", pixels), chunk("IEND", new byte[0]));
    }

    /** Rows of random bytes, each starting with filter type 0, deflated. */
    private static byte[] deflatedNoise(long rowBytes, int rows) {
        Random random = new Random(rows);
        byte[] row = new byte[(int) rowBytes];
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int y = 0; y < rows; y++) {
            random.nextBytes(row);
            row[0] = 0;
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A PNG {@code eXIf} chunk holding the TIFF of {@link #exifSegment} with this orientation. */
    static byte[] pngExif(int orientation) {
        byte[] segment = exifSegment(orientation);
        return chunk("eXIf", Arrays.copyOfRange(segment, 4 + 6, segment.length));
    }

    /** A four-channel (CMYK) JPEG of smooth ramps, as print workflows export. */
    static byte[] cmykJpeg(int width, int height) {
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] pixel = new int[4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixel[0] = x * 255 / width;
                pixel[1] = y * 255 / height;
                pixel[2] = 40;
                raster.setPixel(x, y, pixel);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A PNG that declares {@code width × height} RGB pixels but carries only a few bytes of data. */
    static byte[] pngBomb(int width, int height) {
        return concat(pngSignature(), ihdr(width, height, 8, 2), chunk("IDAT", deflatedZeros(1024)), chunk("IEND", new byte[0]));
    }

    /** A GIF whose screen and first frame declare {@code width × height}, with almost no image data. */
    static byte[] gifBomb(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("GIF89a")).putShort((short) width).putShort((short) height).put((byte) 0).put((byte) 0).put((byte) 0);
        b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height).put((byte) 0);
        b.put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0).put((byte) 0x3B);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** A JPEG whose frame header is rewritten to declare {@code width × height}. */
    static byte[] jpegDeclaring(int width, int height) {
        byte[] jpeg = jpeg(solid(16, 16, RED));
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if (jpeg[i] == (byte) 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
        }
        throw new AssertionError("no SOF0");
    }

    // ---- WebP, lossless, written bit by bit -------------------------------------------------------------

    /**
     * A lossless WebP ({@code VP8L}) of one colour: each of the five prefix codes is a "simple" code with a
     * single symbol, so every pixel costs zero bits.
     */
    static byte[] webpSolid(int width, int height, int argb) {
        return riff(chunk4("VP8L", vp8lSolid(width, height, argb)));
    }

    /**
     * A lossless WebP whose green code has two symbols, so every pixel costs one bit, but which carries
     * no pixel data at all: a decoder must run out of data on the first row.
     */
    static byte[] webpWithoutPixelData(int width, int height) {
        Bits bits = new Bits();
        bits.put(0x2F, 8);
        bits.put(width - 1, 14);
        bits.put(height - 1, 14);
        bits.put(0, 1);
        bits.put(0, 3);
        bits.put(0, 1);
        bits.put(0, 1);
        bits.put(0, 1);
        bits.put(1, 1);            // green: simple code, two 8-bit symbols
        bits.put(1, 1);
        bits.put(1, 1);
        bits.put(0x10, 8);
        bits.put(0xF0, 8);
        for (int channel = 0; channel < 3; channel++) {
            bits.put(1, 1);        // red, blue, alpha: one 8-bit symbol
            bits.put(0, 1);
            bits.put(1, 1);
            bits.put(0xFF, 8);
        }
        bits.put(1, 1);
        bits.put(0, 1);
        bits.put(0, 1);
        bits.put(0, 1);
        return riff(chunk4("VP8L", bits.bytes()));
    }

    /** The same image in an extended ({@code VP8X}) container with an EXIF chunk carrying {@code orientation}. */
    static byte[] webpSolidWithExif(int width, int height, int argb, int orientation) {
        byte[] exifSegment = exifSegment(orientation);
        byte[] tiff = Arrays.copyOfRange(exifSegment, 4 + 6, exifSegment.length);
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) 0x08).put(new byte[3]);
        vp8x.put(u24(width - 1)).put(u24(height - 1));
        return riff(chunk4("VP8X", vp8x.array()), chunk4("VP8L", vp8lSolid(width, height, argb)), chunk4("EXIF", tiff));
    }

    /** A VP8X header declaring a {@code width × height} canvas, holding a 1 × 1 image. */
    static byte[] webpBomb(int width, int height) {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put(new byte[4]).put(u24(width - 1)).put(u24(height - 1));
        return riff(chunk4("VP8X", vp8x.array()), chunk4("VP8L", vp8lSolid(1, 1, 0xFF000000)));
    }

    private static byte[] u24(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
    }

    private static byte[] vp8lSolid(int width, int height, int argb) {
        Bits bits = new Bits();
        bits.put(0x2F, 8);
        bits.put(width - 1, 14);
        bits.put(height - 1, 14);
        bits.put(0, 1);            // alpha_is_used: no
        bits.put(0, 3);            // version 0
        bits.put(0, 1);            // no transform
        bits.put(0, 1);            // no colour cache
        bits.put(0, 1);            // no meta prefix codes
        for (int channel : new int[] {(argb >> 8) & 0xFF, (argb >> 16) & 0xFF, argb & 0xFF, (argb >>> 24)}) {
            bits.put(1, 1);        // simple code
            bits.put(0, 1);        // one symbol
            bits.put(1, 1);        // 8-bit symbol
            bits.put(channel, 8);
        }
        bits.put(1, 1);            // distance code: simple, one 1-bit symbol, 0
        bits.put(0, 1);
        bits.put(0, 1);
        bits.put(0, 1);
        // TwelveMonkeys' bit reader fetches 8 bytes at a time, even past the end of a tiny bitstream.
        return concat(bits.bytes(), new byte[8]);
    }

    private static byte[] chunk4(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii(type)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(4 + body.length).put(ascii("WEBP")).put(body);
        return b.array();
    }

    /** Least-significant-bit-first bit writer, as WebP lossless reads. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void put(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= ((value >>> i) & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] bytes() {
            if (used > 0) {
                out.write(current);
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }

    static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new AssertionError("ImageIO cannot read these bytes");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
