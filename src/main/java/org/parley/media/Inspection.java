package org.parley.media;

/**
 * What walking an upload's container found, before any pixel is decoded: its format, the size its header
 * declares, how many bytes each pixel will take in the decoder's raster (from the header's channels and
 * bit depth: 1 for palette and grey, 3 for RGB, 8 for 16-bit RGBA …; what {@link Footprint} reserves
 * memory by), its EXIF block (raw TIFF, empty when there is none) and the bytes to hand the decoder — the
 * upload itself, or for PNG a copy holding only the chunks needed to draw it.
 */
record Inspection(UploadFormat format, int width, int height, int bytesPerPixel, byte[] exif, byte[] decodable) {

    static final byte[] NO_EXIF = new byte[0];
}
