package org.parley.media;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Refuses images that are also another kind of file. Browsers sniff a document's first bytes for markup,
 * PDF readers look for their header in the first kilobyte, and archive tools read a ZIP (or JAR) from its
 * directory at the very end: a file built to be two things at once puts the second one in those windows.
 * Parley never serves an upload's own bytes, so such a file could do no harm once re-encoded; it is
 * refused anyway, because nobody uploads one by accident. Data elsewhere (the trailers phones append for
 * motion photos, say) is left to re-encoding, which drops it.
 */
final class Polyglot {

    /** How far from the start and from the end the other formats are looked for. */
    static final int WINDOW = 1024;

    private static final List<String> MARKUP = List.of("<script", "<html", "<!doctype", "<svg", "<?php", "<iframe",
            "<body", "<object", "<embed", "<meta http-equiv", "javascript:");
    /** A ZIP's end-of-central-directory record: the last thing in every ZIP and JAR. */
    private static final String ZIP_END = "PK\u0005\u0006";

    private Polyglot() {
    }

    /** Throws {@link MediaProblem#IMAGE_POLYGLOT} naming what else the file is, if it is anything else. */
    static void refuseIfTwoThings(byte[] upload) {
        String head = latin1(upload, 0, Math.min(WINDOW, upload.length));
        String tail = latin1(upload, Math.max(0, upload.length - WINDOW), upload.length);
        String other = head.contains("%PDF-") ? "a PDF document"
                : tail.contains(ZIP_END) ? "a ZIP or JAR archive"
                : markup(head) || markup(tail) ? "a web page or script"
                : null;
        if (other != null) {
            throw new org.parley.http.ParleyException.InvalidInput(MediaProblem.IMAGE_POLYGLOT,
                    "The file is an image and also " + other + " hidden in it. Open the picture in an image editor or "
                            + "viewer, save it as a new JPEG or PNG, and upload that.");
        }
    }

    private static boolean markup(String window) {
        String lower = window.toLowerCase(Locale.ROOT);
        return MARKUP.stream().anyMatch(lower::contains);
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
