package org.parley.media;

/**
 * Walks a GIF up to the end of its first image without decoding: that frame's size (the only frame Parley
 * keeps), and completeness of its data. The logical screen's size counts too, so a file cannot declare a
 * vast canvas behind a tiny frame. GIF carries no EXIF.
 */
final class GifFile {

    private static final int HEADER = 6;
    private static final int SCREEN_DESCRIPTOR = 7;
    private static final int IMAGE_DESCRIPTOR = 9;

    private GifFile() {
    }

    static Inspection inspect(byte[] b) {
        if (b.length < HEADER + SCREEN_DESCRIPTOR) {
            throw Refusal.truncated("GIF");
        }
        int screenWidth = Bytes.u16le(b, 6);
        int screenHeight = Bytes.u16le(b, 8);
        int pos = HEADER + SCREEN_DESCRIPTOR + colourTableBytes(Bytes.u8(b, 10));
        while (true) {
            if (pos >= b.length) {
                throw Refusal.truncated("GIF");
            }
            int block = Bytes.u8(b, pos++);
            switch (block) {
                case 0x21 -> pos = skipSubBlocks(b, pos + 1);
                case 0x2C -> {
                    if (pos + IMAGE_DESCRIPTOR + 1 > b.length) {
                        throw Refusal.truncated("GIF");
                    }
                    int width = Bytes.u16le(b, pos + 4);
                    int height = Bytes.u16le(b, pos + 6);
                    pos += IMAGE_DESCRIPTOR + colourTableBytes(Bytes.u8(b, pos + 8));
                    skipSubBlocks(b, pos + 1);
                    if (width == 0 || height == 0) {
                        throw Refusal.broken("declares a first frame of " + width + " × " + height + " pixels");
                    }
                    // The larger of frame and screen: a reader may allocate either.
                    boolean screenLarger = (long) screenWidth * screenHeight > (long) width * height;
                    return new Inspection(UploadFormat.GIF, screenLarger ? screenWidth : width,
                            screenLarger ? screenHeight : height, 1, Inspection.NO_EXIF, b);
                }
                case 0x3B -> throw Refusal.broken("is a GIF without any image in it");
                default -> throw Refusal.broken("has an unknown GIF block at byte " + (pos - 1));
            }
        }
    }

    /** Bytes of the colour table a packed field announces (0 when its flag is clear). */
    private static int colourTableBytes(int packed) {
        return (packed & 0x80) == 0 ? 0 : 3 << ((packed & 0x07) + 1);
    }

    /** Position after a chain of length-prefixed sub-blocks ending in a zero length. */
    private static int skipSubBlocks(byte[] b, int pos) {
        while (true) {
            if (pos >= b.length) {
                throw Refusal.truncated("GIF");
            }
            int size = Bytes.u8(b, pos);
            pos += 1 + size;
            if (size == 0) {
                return pos;
            }
        }
    }
}
