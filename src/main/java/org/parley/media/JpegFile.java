package org.parley.media;

import java.util.Arrays;

/**
 * Walks a JPEG's markers from start-of-image to end-of-image without decoding: finds the frame header's
 * size and the first EXIF block, and refuses files that stop before their end marker (truncated), that
 * have no frame or scan, or that carry more scans than any real encoder writes (each progressive scan
 * costs a pass over the whole image, so thousands of them would be a CPU bomb).
 */
final class JpegFile {

    /** Real progressive encoders write about 10 scans; libjpeg-turbo itself warns past 100. */
    static final int MAX_SCANS = 100;

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP1 = 0xE1;

    private JpegFile() {
    }

    static Inspection inspect(byte[] b) {
        int pos = 2;
        int width = -1;
        int height = -1;
        int scans = 0;
        int components = 3;
        byte[] exif = Inspection.NO_EXIF;
        while (true) {
            if (pos >= b.length) {
                throw Refusal.truncated("JPEG");
            }
            if (Bytes.u8(b, pos) != 0xFF) {
                throw Refusal.broken("has stray data at byte " + pos + " where a JPEG marker should be");
            }
            while (pos < b.length && Bytes.u8(b, pos) == 0xFF) {
                pos++;
            }
            if (pos >= b.length) {
                throw Refusal.truncated("JPEG");
            }
            int marker = Bytes.u8(b, pos++);
            if (marker == EOI) {
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == 0x00 || marker == 0xD8) {
                throw Refusal.broken("has an invalid JPEG marker at byte " + (pos - 1));
            }
            if (pos + 2 > b.length) {
                throw Refusal.truncated("JPEG");
            }
            int length = Bytes.u16be(b, pos);
            int data = pos + 2;
            int end = pos + length;
            if (length < 2) {
                throw Refusal.broken("has a JPEG segment with an impossible length at byte " + pos);
            }
            if (end > b.length) {
                throw Refusal.truncated("JPEG");
            }
            if (isFrameHeader(marker)) {
                if (length < 8) {
                    throw Refusal.broken("has a JPEG frame header too short to hold a size");
                }
                height = Bytes.u16be(b, data + 1);
                width = Bytes.u16be(b, data + 3);
                components = Bytes.u8(b, data + 5);
            } else if (marker == APP1 && exif.length == 0 && length >= 8 && Bytes.ascii(b, data, "Exif\0\0")) {
                exif = Arrays.copyOfRange(b, data + 6, end);
            }
            pos = end;
            if (marker == SOS) {
                if (width < 0) {
                    throw Refusal.broken("has JPEG image data before its frame header");
                }
                if (++scans > MAX_SCANS) {
                    throw Refusal.broken("has more than " + MAX_SCANS + " JPEG scans, far more than any camera or editor writes");
                }
                pos = endOfEntropyCodedData(b, pos);
            }
        }
        if (width < 0 || scans == 0) {
            throw Refusal.broken("has no JPEG image data");
        }
        if (width == 0 || height == 0) {
            throw Refusal.broken("declares a width or height of 0");
        }
        return new Inspection(UploadFormat.JPEG, width, height, bytesPerPixel(components), exif, b);
    }

    /**
     * Grey decodes to one byte a pixel and colour to three; four-channel (CMYK, YCCK) files are read as a
     * four-byte raster and then converted to a three-byte one, so both are held at once.
     */
    private static int bytesPerPixel(int components) {
        return switch (components) {
            case 1 -> 1;
            case 3 -> 3;
            default -> 8;
        };
    }

    /** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The index of the 0xFF that starts the next marker after a scan's data (FF00 and restarts are data). */
    private static int endOfEntropyCodedData(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == (byte) 0xFF) {
                int next = Bytes.u8(b, i + 1);
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw Refusal.truncated("JPEG");
    }
}
