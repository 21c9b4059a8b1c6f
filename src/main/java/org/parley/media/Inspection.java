package org.parley.media;

/**
 * What walking an upload's container found, before any pixel is decoded: its format, the size its header
 * declares, its EXIF block (raw TIFF, empty when there is none) and the bytes to hand the decoder — the
 * upload itself, or for PNG a copy holding only the chunks needed to draw it.
 */
record Inspection(UploadFormat format, int width, int height, byte[] exif, byte[] decodable) {

    static final byte[] NO_EXIF = new byte[0];
}
