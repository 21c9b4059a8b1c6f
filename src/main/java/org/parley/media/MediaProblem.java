package org.parley.media;

import org.parley.http.ProblemType;

/** Problems with uploaded and requested images. Each detail says what was found and what to send instead. */
public enum MediaProblem implements ProblemType {
    UNSUPPORTED_IMAGE("unsupported-image", 415, "Not a JPEG, PNG, GIF or WebP image"),
    MULTIPART_UPLOAD("multipart-upload", 415, "Send the image's bytes, not a form"),
    IMAGE_TOO_LARGE("image-too-large", 413, "Image file is too large"),
    IMAGE_TOO_MANY_PIXELS("image-too-many-pixels", 422, "Image has too many pixels"),
    BROKEN_IMAGE("broken-image", 422, "Image is damaged or incomplete"),
    IMAGE_POLYGLOT("image-polyglot", 422, "Image is also another kind of file"),
    UNKNOWN_IMAGE("unknown-image", 404, "No such image"),
    IMAGES_OFF("images-off", 403, "This site takes no images"),
    UPLOADS_BUSY("uploads-busy", 429, "Too many image uploads at once"),
    TOO_MANY_UPLOADS("too-many-uploads", 429, "Too many images in a short time");

    private final String slug;
    private final int status;
    private final String title;

    MediaProblem(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
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
