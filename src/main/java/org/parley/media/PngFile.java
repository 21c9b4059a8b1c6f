package org.parley.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Walks a PNG's chunks without decoding: the header's size, the {@code eXIf} block, completeness (an
 * {@code IEND} must come), and the size of a copy holding only the chunks needed to draw the image, which
 * {@link #keptChunks} makes when decoding begins. The copy is what gets decoded, so compressed text and
 * ICC chunks — decompression-bomb material for any reader that inflates them — never reach the decoder at
 * all; safety does not rest on how a reader treats them, and their content would be dropped from the
 * output anyway.
 */
final class PngFile {

    /** Header, palette, transparency, pixel data, end. Animation chunks go too: the default image stays. */
    private static final Set<String> KEPT = Set.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND");
    private static final int SIGNATURE = 8;

    private PngFile() {
    }

    static Inspection inspect(byte[] b) {
        int keptBytes = SIGNATURE;
        int pos = SIGNATURE;
        int width = -1;
        int height = -1;
        int bitDepth = 8;
        int colourType = 2;
        boolean transparency = false;
        boolean pixels = false;
        byte[] exif = Inspection.NO_EXIF;
        while (true) {
            if (pos + 8 > b.length) {
                throw Refusal.truncated("PNG");
            }
            long length = Bytes.u32be(b, pos);
            String type = chunkType(b, pos + 4);
            int data = pos + 8;
            if (length > Integer.MAX_VALUE || data + length + 4 > b.length) {
                throw Refusal.truncated("PNG");
            }
            int end = data + (int) length + 4;
            if (width < 0) {
                if (!type.equals("IHDR") || length != 13) {
                    throw Refusal.broken("does not start with a PNG header chunk");
                }
                long w = Bytes.u32be(b, data);
                long h = Bytes.u32be(b, data + 4);
                if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
                    throw Refusal.broken("declares an impossible size of " + w + " × " + h + " pixels");
                }
                width = (int) w;
                height = (int) h;
                bitDepth = Bytes.u8(b, data + 8);
                colourType = Bytes.u8(b, data + 9);
            }
            if (KEPT.contains(type)) {
                keptBytes += end - pos;
            } else if (type.equals("eXIf") && exif.length == 0) {
                exif = Arrays.copyOfRange(b, data, end - 4);
            }
            pixels |= type.equals("IDAT");
            transparency |= type.equals("tRNS");
            pos = end;
            if (type.equals("IEND")) {
                break;
            }
        }
        if (!pixels) {
            throw Refusal.broken("has no PNG image data");
        }
        return new Inspection(UploadFormat.PNG, width, height, bytesPerPixel(bitDepth, colourType, transparency), exif,
                b, keptBytes);
    }

    /**
     * The signature and the kept chunks of a PNG {@link #inspect} has walked, copied once into an array of
     * exactly their size (a growing buffer would hold up to twice the upload while it grows).
     */
    static byte[] keptChunks(byte[] b, int size) {
        byte[] kept = new byte[size];
        System.arraycopy(b, 0, kept, 0, SIGNATURE);
        int at = SIGNATURE;
        for (int pos = SIGNATURE; at < size; ) {
            int end = pos + 12 + (int) Bytes.u32be(b, pos);
            if (KEPT.contains(new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1))) {
                System.arraycopy(b, pos, kept, at, end - pos);
                at += end - pos;
            }
            pos = end;
        }
        return kept;
    }

    /**
     * Bytes a pixel takes in the JDK reader's raster: a byte per channel, two at 16 bits, and one channel
     * more for grey or RGB with a {@code tRNS} chunk, which the reader turns into an alpha channel. Palette
     * and packed low-depth grey images take at most one byte a pixel.
     */
    static int bytesPerPixel(int bitDepth, int colourType, boolean transparency) {
        int channels = switch (colourType) {
            case 0 -> transparency ? 2 : 1;
            case 2 -> transparency ? 4 : 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        return colourType == 3 ? 1 : channels * (bitDepth == 16 ? 2 : 1);
    }

    private static String chunkType(byte[] b, int at) {
        char[] type = new char[4];
        for (int i = 0; i < 4; i++) {
            int c = Bytes.u8(b, at + i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw Refusal.broken("has a malformed PNG chunk at byte " + (at - 4));
            }
            type[i] = (char) c;
        }
        return new String(type);
    }
}
