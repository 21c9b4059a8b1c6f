package org.parley.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The EXIF orientation tag (0x0112): how a camera's stored pixels must be turned to look upright. Parley
 * applies it to the pixels before re-encoding, because the tag itself is dropped with the rest of the
 * metadata. Values follow the TIFF/EXIF numbering, 1 to 8.
 */
enum Orientation {
    NORMAL(false),
    MIRROR_HORIZONTAL(false),
    ROTATE_180(false),
    MIRROR_VERTICAL(false),
    TRANSPOSE(true),
    ROTATE_90_CW(true),
    TRANSVERSE(true),
    ROTATE_270_CW(true);

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SHORT = 3;
    private static final int MAX_IFD_ENTRIES = 1000;

    private final boolean swapsSides;

    Orientation(boolean swapsSides) {
        this.swapsSides = swapsSides;
    }

    /** True when width and height trade places. */
    boolean swapsSides() {
        return swapsSides;
    }

    /**
     * The orientation recorded in an EXIF block (a TIFF structure, optionally behind the {@code Exif\0\0}
     * prefix WebP writers sometimes keep). Anything missing, malformed or out of range means upright: a
     * broken tag is no reason to refuse a picture.
     */
    static Orientation fromExif(byte[] exif) {
        int base = Bytes.ascii(exif, 0, "Exif\0\0") ? 6 : 0;
        if (exif.length < base + 8) {
            return NORMAL;
        }
        boolean little;
        if (Bytes.ascii(exif, base, "II")) {
            little = true;
        } else if (Bytes.ascii(exif, base, "MM")) {
            little = false;
        } else {
            return NORMAL;
        }
        long ifd = base + u32(exif, base + 4, little);
        if (ifd + 2 > exif.length) {
            return NORMAL;
        }
        int entries = Math.min(u16(exif, (int) ifd, little), MAX_IFD_ENTRIES);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > exif.length) {
                return NORMAL;
            }
            if (u16(exif, entry, little) == ORIENTATION_TAG && u16(exif, entry + 2, little) == SHORT) {
                int value = u16(exif, entry + 8, little);
                return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
            }
        }
        return NORMAL;
    }

    /**
     * {@code image} (TYPE_INT_RGB or TYPE_INT_ARGB) turned upright; the same object when nothing needs
     * turning. Moves pixels directly between the two int rasters, so the turned image is the only large
     * allocation (copying through {@code getRGB} arrays would add two more of its size).
     */
    BufferedImage apply(BufferedImage image) {
        if (this == NORMAL) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int outW = swapsSides ? h : w;
        int outH = swapsSides ? w : h;
        int[] in = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        BufferedImage out = new BufferedImage(outW, outH, image.getType());
        int[] target = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                target[index(x, y, w, h, outW)] = in[y * w + x];
            }
        }
        return out;
    }

    /** Where the stored pixel (x, y) lands in the upright image of width {@code outW}. */
    private int index(int x, int y, int w, int h, int outW) {
        return switch (this) {
            case NORMAL -> y * outW + x;
            case MIRROR_HORIZONTAL -> y * outW + (w - 1 - x);
            case ROTATE_180 -> (h - 1 - y) * outW + (w - 1 - x);
            case MIRROR_VERTICAL -> (h - 1 - y) * outW + x;
            case TRANSPOSE -> x * outW + y;
            case ROTATE_90_CW -> x * outW + (h - 1 - y);
            case TRANSVERSE -> (w - 1 - x) * outW + (h - 1 - y);
            case ROTATE_270_CW -> (w - 1 - x) * outW + y;
        };
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? Bytes.u16le(b, at) : Bytes.u16be(b, at);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? Bytes.u32le(b, at) : Bytes.u32be(b, at);
    }
}
