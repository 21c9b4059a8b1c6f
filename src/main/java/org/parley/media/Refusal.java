package org.parley.media;

import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;

/** The 4xx problems an upload can earn, worded once so every check tells the uploader what to do. */
final class Refusal {

    private Refusal() {
    }

    static ParleyException empty() {
        return new ParleyException.InvalidInput(RequestProblem.MISSING_BODY,
                "The upload is empty; send the image file's bytes as the request body.");
    }

    static ParleyException tooLarge(long maxBytes) {
        return new ParleyException.InvalidInput(MediaProblem.IMAGE_TOO_LARGE,
                "The image is larger than " + maxBytes + " bytes (" + mebibytes(maxBytes)
                        + "); resize or compress it and upload it again.");
    }

    static ParleyException tooManyPixels(long width, long height, long maxPixels, String why) {
        return new ParleyException.InvalidInput(MediaProblem.IMAGE_TOO_MANY_PIXELS,
                "The image is " + width + " × " + height + " pixels (" + width * height + "); at most " + maxPixels
                        + " pixels are accepted." + why + " Scale it down and upload it again.");
    }

    static ParleyException unsupported(String whatItIs) {
        return new ParleyException.InvalidInput(MediaProblem.UNSUPPORTED_IMAGE,
                "The upload is " + whatItIs + ". Send a JPEG, PNG, GIF or WebP image; only the file's bytes count, "
                        + "not its name or declared type.");
    }

    static ParleyException broken(String what) {
        return new ParleyException.InvalidInput(MediaProblem.BROKEN_IMAGE,
                "The image " + what + ". It may have been cut off while copying or uploading; open it on your device, "
                        + "save it again and upload the new file.");
    }

    static ParleyException broken(String what, Throwable cause) {
        return new ParleyException.InvalidInput(MediaProblem.BROKEN_IMAGE,
                "The image " + what + ". Open it on your device, save it again as JPEG or PNG and upload the new file.",
                cause);
    }

    static ParleyException truncated(String format) {
        return broken("ends before its " + format + " data is complete");
    }

    private static String mebibytes(long bytes) {
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes / 1024 + " KiB";
    }
}
