package org.parley.staff;

import java.util.Optional;
import org.parley.sites.SiteId;

/**
 * Where a moderator may act: a whole site ({@code section} empty) or one section of it, matched exactly
 * against the section string the site gives its pages ({@code Sport} and {@code sport} differ).
 * Written {@code courier} or {@code herald:sport} on the command line.
 *
 * @param section 1–100 characters without commas or control characters, or empty for the whole site
 */
public record Scope(SiteId site, String section) {

    static final int MAX_SECTION_LENGTH = 100;

    public Scope {
        java.util.Objects.requireNonNull(site, "site");
        if (section.length() > MAX_SECTION_LENGTH || !section.equals(section.strip())
                || section.chars().anyMatch(c -> c == ',' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a section must be at most " + MAX_SECTION_LENGTH
                    + " characters, without commas, control characters or surrounding spaces: '" + section + "'");
        }
    }

    /** Every section of {@code site}. */
    public static Scope wholeSite(SiteId site) {
        return new Scope(site, "");
    }

    /**
     * Parses {@code site} or {@code site:section}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code entry}
     */
    public static Scope parse(String entry) {
        String text = entry.strip();
        int colon = text.indexOf(':');
        String site = colon < 0 ? text : text.substring(0, colon);
        if (!SiteId.isValid(site)) {
            throw new IllegalArgumentException("'" + entry + "' does not start with a site id (lowercase letters, digits, dashes)");
        }
        String section = colon < 0 ? "" : text.substring(colon + 1).strip();
        if (colon >= 0 && section.isEmpty()) {
            throw new IllegalArgumentException("'" + entry + "' has an empty section; write just '" + site + "' for the whole site");
        }
        return new Scope(new SiteId(site), section);
    }

    /** True when this scope covers every section of its site. */
    public boolean coversWholeSite() {
        return section.isEmpty();
    }

    /** True when a page of {@code site} in {@code pageSection} (none for an unfiled page) falls in this scope. */
    public boolean covers(SiteId site, Optional<String> pageSection) {
        return this.site.equals(site) && (coversWholeSite() || pageSection.filter(section::equals).isPresent());
    }

    /** {@code courier} or {@code herald:sport}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return coversWholeSite() ? site.value() : site.value() + ":" + section;
    }
}
