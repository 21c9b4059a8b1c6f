package org.parley.sites;

import java.util.regex.Pattern;

/** A site's identifier, chosen by the newsroom: 1–40 lowercase letters, digits and dashes, e.g. {@code courier}. */
public record SiteId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public SiteId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("site id must be 1-40 lowercase letters, digits or dashes, starting with a letter or digit: " + value);
        }
    }

    /** True when {@code value} is a well-formed site id. */
    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
