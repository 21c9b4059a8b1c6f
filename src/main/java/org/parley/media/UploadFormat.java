package org.parley.media;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The formats Parley accepts, recognised by their first bytes only: a file's name and declared type are
 * never consulted, so an SVG called {@code cat.png} is still an SVG. Anything else is refused with a
 * description of what it looks like, so the uploader knows what to convert.
 */
enum UploadFormat {
    JPEG("jpeg"),
    PNG("png"),
    GIF("gif"),
    WEBP("webp");

    private static final int DESCRIBE_BYTES = 1024;

    private final String readerName;

    UploadFormat(String readerName) {
        this.readerName = readerName;
    }

    /** The ImageIO format name whose reader decodes it. */
    String readerName() {
        return readerName;
    }

    /** The format {@code upload} is, from its signature; a 415 problem saying what it is otherwise. */
    static UploadFormat sniff(byte[] upload) {
        if (upload.length >= 3 && Bytes.u8(upload, 0) == 0xFF && Bytes.u8(upload, 1) == 0xD8 && Bytes.u8(upload, 2) == 0xFF) {
            return JPEG;
        }
        if (upload.length >= 8 && Bytes.u32be(upload, 0) == 0x89504E47L && Bytes.u32be(upload, 4) == 0x0D0A1A0AL) {
            return PNG;
        }
        if (Bytes.ascii(upload, 0, "GIF87a") || Bytes.ascii(upload, 0, "GIF89a")) {
            return GIF;
        }
        if (Bytes.ascii(upload, 0, "RIFF") && Bytes.ascii(upload, 8, "WEBP")) {
            return WEBP;
        }
        throw Refusal.unsupported(describe(upload));
    }

    /** Walks the container: header size, EXIF, completeness. Problems for truncated or malformed files. */
    Inspection inspect(byte[] upload) {
        return switch (this) {
            case JPEG -> JpegFile.inspect(upload);
            case PNG -> PngFile.inspect(upload);
            case GIF -> GifFile.inspect(upload);
            case WEBP -> WebpFile.inspect(upload);
        };
    }

    /** A few words on what an unaccepted upload looks like, for the problem's detail. */
    static String describe(byte[] upload) {
        if (Bytes.ascii(upload, 0, "BM")) {
            return "a BMP bitmap, which is not accepted; save it as PNG";
        }
        if (Bytes.ascii(upload, 0, "II*\0") || Bytes.ascii(upload, 0, "MM\0*")) {
            return "a TIFF image, which is not accepted; save it as JPEG or PNG";
        }
        if (Bytes.ascii(upload, 4, "ftyp")) {
            return "a HEIC or AVIF image, which is not accepted yet; save it as JPEG (on a phone: share it as "
                    + "\"Most Compatible\")";
        }
        if (Bytes.ascii(upload, 0, "%PDF")) {
            return "a PDF document, not an image";
        }
        String head = text(upload);
        if (head.contains("<svg")) {
            return "an SVG drawing, which is not accepted because it can carry scripts; export it as PNG";
        }
        if (head.startsWith("<")) {
            return "HTML or XML text, not an image";
        }
        if (looksLikeText(upload)) {
            return "plain text, not an image";
        }
        return "not in any image format Parley recognises";
    }

    /** The first bytes, past a byte-order mark and leading white space, lower-cased as Latin-1. */
    private static String text(byte[] upload) {
        int start = Bytes.ascii(upload, 0, "\u00EF\u00BB\u00BF") ? 3 : 0;
        while (start < upload.length && Character.isWhitespace(upload[start])) {
            start++;
        }
        int length = Math.min(DESCRIBE_BYTES, upload.length - start);
        return new String(upload, start, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    private static boolean looksLikeText(byte[] upload) {
        int length = Math.min(DESCRIBE_BYTES, upload.length);
        for (int i = 0; i < length; i++) {
            int b = upload[i] & 0xFF;
            if (b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
