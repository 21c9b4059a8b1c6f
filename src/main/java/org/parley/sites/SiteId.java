package org.parley.sites;

/** A site's identifier, chosen by the newsroom: 1–40 lowercase letters, digits and dashes, e.g. {@code courier}. */
public record SiteId(String value) {

    public SiteId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("site id must be 1-40 lowercase letters, digits or dashes, starting with a letter or digit: " + value);
        }
    }

    /** True when {@code value} is a well-formed site id. */
    public static boolean isValid(String value) {
        // A loop, not a regular expression: every API request checks its site id.
        if (value == null || value.isEmpty() || value.length() > 40 || value.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
