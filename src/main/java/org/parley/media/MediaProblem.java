package org.parley.media;

import org.parley.http.ProblemType;

/** Problems with uploaded and requested images. Each detail says what was found and what to send instead. */
public enum MediaProblem implements ProblemType {
    UNSUPPORTED_IMAGE(415, "Not a JPEG, PNG, GIF or WebP image"),
    MULTIPART_UPLOAD(415, "Send the image's bytes, not a form"),
    IMAGE_TOO_LARGE(413, "Image file is too large"),
    IMAGE_TOO_MANY_PIXELS(422, "Image has too many pixels"),
    BROKEN_IMAGE(422, "Image is damaged or incomplete"),
    IMAGE_POLYGLOT(422, "Image is also another kind of file"),
    UNKNOWN_IMAGE(404, "No such image"),
    IMAGES_OFF(403, "This site takes no images"),
    UPLOADS_BUSY(503, "Parley is busy with other images"),
    TOO_MANY_UPLOADS(429, "Too many images in a short time");

    private final int status;
    private final String title;

    MediaProblem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
