package org.parley.comments;

/**
 * How a site names one of its pages: an article slug, id or canonical path, 1–300 characters with no
 * control characters. Chosen by the newsroom in the embed's {@code data-page}.
 */
public record PageKey(String value) {

    public static final int MAX_LENGTH = 300;

    public PageKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException("page key must be 1-" + MAX_LENGTH + " characters without control characters");
        }
    }

    public static boolean isValid(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            return false;
        }
        return value.codePoints().noneMatch(Character::isISOControl);
    }

    @Override
    public String toString() {
        return value;
    }
}
