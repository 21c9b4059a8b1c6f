package org.parley.media;

import java.util.Arrays;

/**
 * Walks a WebP's RIFF chunks without decoding: the size from its {@code VP8 } (lossy), {@code VP8L}
 * (lossless) or {@code VP8X} (extended) header, the {@code EXIF} chunk, and completeness (the RIFF size
 * must be present, every chunk must fit in it, and an image chunk must exist).
 */
final class WebpFile {

    private static final int RIFF_HEADER = 12;
    private static final int CHUNK_HEADER = 8;

    private WebpFile() {
    }

    static Inspection inspect(byte[] b) {
        if (b.length < RIFF_HEADER) {
            throw Refusal.truncated("WebP");
        }
        long riffEnd = 8 + Bytes.u32le(b, 4);
        if (riffEnd > b.length) {
            throw Refusal.truncated("WebP");
        }
        int width = -1;
        int height = -1;
        boolean image = false;
        byte[] exif = Inspection.NO_EXIF;
        int pos = RIFF_HEADER;
        while (pos + CHUNK_HEADER <= riffEnd) {
            String type = new String(b, pos, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            long size = Bytes.u32le(b, pos + 4);
            int data = pos + CHUNK_HEADER;
            if (data + size > riffEnd) {
                throw Refusal.truncated("WebP");
            }
            int end = data + (int) size;
            boolean first = width < 0;
            switch (type) {
                case "VP8 " -> {
                    if (first) {
                        requireSize(size, 10);
                        if (Bytes.u8(b, data + 3) != 0x9D || Bytes.u8(b, data + 4) != 0x01 || Bytes.u8(b, data + 5) != 0x2A) {
                            throw Refusal.broken("has a lossy WebP frame without its start code");
                        }
                        width = Bytes.u16le(b, data + 6) & 0x3FFF;
                        height = Bytes.u16le(b, data + 8) & 0x3FFF;
                    }
                    image = true;
                }
                case "VP8L" -> {
                    if (first) {
                        requireSize(size, 5);
                        if (Bytes.u8(b, data) != 0x2F) {
                            throw Refusal.broken("has a lossless WebP frame without its signature");
                        }
                        long bits = Bytes.u32le(b, data + 1);
                        width = (int) (bits & 0x3FFF) + 1;
                        height = (int) ((bits >>> 14) & 0x3FFF) + 1;
                    }
                    image = true;
                }
                case "VP8X" -> {
                    requireSize(size, 10);
                    width = Bytes.u24le(b, data + 4) + 1;
                    height = Bytes.u24le(b, data + 7) + 1;
                }
                case "ANMF" -> image = true;
                case "EXIF" -> exif = exif.length == 0 ? Arrays.copyOfRange(b, data, end) : exif;
                default -> {
                    if (first) {
                        throw Refusal.broken("is a WebP file that does not start with an image header");
                    }
                }
            }
            pos = end + (int) (size & 1);
        }
        if (!image) {
            throw Refusal.broken("is a WebP file without an image in it");
        }
        if (width <= 0 || height <= 0) {
            throw Refusal.broken("declares a width or height of 0");
        }
        // The reader's raster is 3 or 4 bytes a pixel; Footprint adds the full-size canvas it decodes first.
        return new Inspection(UploadFormat.WEBP, width, height, 4, exif, b);
    }

    private static void requireSize(long size, int needed) {
        if (size < needed) {
            throw Refusal.broken("has a WebP image header too short to hold a size");
        }
    }
}
