package org.parley.media;

/**
 * What walking an upload's container found, before any pixel is decoded: its format, the size its header
 * declares, how many bytes each pixel will take in the decoder's raster (from the header's channels and
 * bit depth: 1 for palette and grey, 3 for RGB, 8 for 16-bit RGBA …; what {@link Footprint} reserves
 * memory by), its EXIF block (raw TIFF, empty when there is none), the upload, and how many of its bytes
 * the decoder is given ({@link #decodable}).
 *
 * @param decodableBytes the upload's length, or for a PNG with chunks the decoder must not see, the size
 *                       of the copy holding only the chunks needed to draw it
 */
record Inspection(UploadFormat format, int width, int height, int bytesPerPixel, byte[] exif, byte[] upload,
                  int decodableBytes) {

    static final byte[] NO_EXIF = new byte[0];

    /** An inspection whose upload is decoded as it is. */
    Inspection(UploadFormat format, int width, int height, int bytesPerPixel, byte[] exif, byte[] upload) {
        this(format, width, height, bytesPerPixel, exif, upload, upload.length);
    }

    /**
     * The bytes to hand the decoder: the upload itself, or a copy of its PNG chunks needed to draw it, made
     * now rather than during the walk so that it is made only once its memory ({@link #copiedBytes}) is
     * reserved with the decoding's.
     */
    byte[] decodable() {
        return decodableBytes == upload.length ? upload : PngFile.keptChunks(upload, decodableBytes);
    }

    /** The size of the copy {@link #decodable} makes; 0 when it hands over the upload itself. */
    long copiedBytes() {
        return decodableBytes == upload.length ? 0 : decodableBytes;
    }
}
