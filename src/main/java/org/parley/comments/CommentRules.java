package org.parley.comments;

import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;
import org.parley.sites.Site;

/**
 * The rules a comment and its page details must meet, checked before anything is written. Each check
 * either cleans the value (line endings, invisible control characters) or reports the field with a
 * message a person can act on.
 */
final class CommentRules {

    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_TITLE_LENGTH = 300;
    static final int MAX_URL_LENGTH = 2_000;
    static final int MAX_SECTION_LENGTH = 100;

    private CommentRules() {
    }

    /**
     * The comment source, cleaned; 422 when it is longer than the site allows, or blank unless
     * {@code mayBeBlank} (a comment that shows images may have no text; blank comes back as the empty
     * source).
     */
    static Markdown body(Markdown raw, Site site, boolean mayBeBlank) {
        String text = stripControls(raw.source().replace("\r\n", "\n").replace('\r', '\n'), true);
        if (text.codePoints().allMatch(c -> Character.isWhitespace(c) || isInvisible(c))) {
            if (!mayBeBlank) {
                throw empty();
            }
            return new Markdown("");
        }
        int length = text.codePointCount(0, text.length());
        if (length > site.maxCommentLength()) {
            throw new ParleyException.InvalidInput(CommentProblem.COMMENT_TOO_LONG,
                    "The comment is " + length + " characters long; this site accepts up to " + site.maxCommentLength() + ".",
                    List.of(new FieldError("body", "is longer than " + site.maxCommentLength() + " characters")));
        }
        return new Markdown(text);
    }

    static ParleyException empty() {
        return new ParleyException.InvalidInput(CommentProblem.EMPTY_COMMENT, "Write something, or attach an image, before posting.",
                List.of(new FieldError("body", "is empty")));
    }

    /**
     * The display name as shown, or empty for an unnamed guest. Whitespace is collapsed and Unicode
     * normalized; control and direction-override characters (used to fake other names) are refused.
     */
    static Optional<String> name(Optional<String> raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(raw.get(), Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || isInvisible(c))) {
            throw invalidName("must not contain control, invisible or text-direction characters");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME_LENGTH) {
            throw invalidName("must be at most " + MAX_NAME_LENGTH + " characters (it has " + length + ")");
        }
        return Optional.of(name);
    }

    /** Checks the page title and URL a widget sends with a page's first comment. */
    static void widgetPageDetails(Optional<String> title, Optional<String> url) {
        List<FieldError> errors = new ArrayList<>();
        text("pageTitle", title, MAX_TITLE_LENGTH, errors);
        url("pageUrl", url, errors);
        report(errors);
    }

    /** Checks the page details a host site sends; reports every bad one. */
    static void hostPageDetails(Optional<String> title, Optional<String> url, Optional<String> byline,
                                Optional<String> section) {
        List<FieldError> errors = new ArrayList<>();
        text("title", title, MAX_TITLE_LENGTH, errors);
        url("url", url, errors);
        text("byline", byline, MAX_TITLE_LENGTH, errors);
        text("section", section, MAX_SECTION_LENGTH, errors);
        report(errors);
    }

    private static void url(String field, Optional<String> url, List<FieldError> errors) {
        url.ifPresent(value -> {
            if (!isWebUrl(value)) {
                errors.add(new FieldError(field, "must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters"));
            }
        });
    }

    private static void report(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ParleyException.InvalidInput(CommentProblem.INVALID_PAGE,
                    "Page details are not acceptable: " + errors.getFirst().field() + " " + errors.getFirst().message() + ".", errors);
        }
    }

    static boolean isWebUrl(String value) {
        if (value.length() > MAX_URL_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void text(String field, Optional<String> value, int max, List<FieldError> errors) {
        value.ifPresent(text -> {
            if (text.length() > max) {
                errors.add(new FieldError(field, "must be at most " + max + " characters"));
            } else if (text.codePoints().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError(field, "must not contain control characters"));
            }
        });
    }

    private static ParleyException invalidName(String message) {
        return new ParleyException.InvalidInput(CommentProblem.INVALID_NAME, "The name " + message + ".",
                List.of(new FieldError("name", message)));
    }

    /** Removes C0/C1 controls except tab and newline; NUL in particular, which PostgreSQL text refuses. */
    private static String stripControls(String text, boolean keepNewlines) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (!Character.isISOControl(c) || c == '\t' || (keepNewlines && c == '\n')) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Zero-width and text-direction characters that render as nothing or reorder what follows. */
    /**
     * Characters that show nothing: format characters (zero-width, text direction, soft hyphen, tags),
     * fillers (Hangul, Braille blank), variation selectors and other default-ignorable marks.
     */
    private static boolean isInvisible(int c) {
        return Character.getType(c) == Character.FORMAT || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164
                || c == 0xFFA0 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || (c >= 0xFE00 && c <= 0xFE0F)
                || (c >= 0xE0100 && c <= 0xE01EF) || c == 0x2800 || (c >= 0x1D173 && c <= 0x1D17A);
    }

    /**
     * 422 {@code empty-comment} when a comment without images would show readers nothing: its rendered
     * text holds no character that can be seen (only blanks, invisible characters, or markup around nothing).
     */
    static void requireVisible(SafeHtml html, boolean hasImages) {
        if (!hasImages && !visible(html)) {
            throw empty();
        }
    }

    /** True when {@code html} shows a reader at least one character that can be seen. */
    static boolean visible(SafeHtml html) {
        return visible(html.text());
    }

    /** Whether {@code text}, what a reader reads of a comment, shows anything at all. */
    static boolean visible(String text) {
        return !text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c) || isInvisible(c) || Character.getType(c) == Character.SURROGATE);
    }
}
