package org.parley.staff;

import java.util.Locale;

/** What a staff member may do: an admin everything, a moderator only within their {@link Scope}s. */
public enum Role {
    ADMIN,
    MODERATOR;

    /** The role's name as scripts and the database spell it: {@code admin}, {@code moderator}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role spelled {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role of(String text) {
        for (Role role : values()) {
            if (role.text().equalsIgnoreCase(text.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be admin or moderator, was '" + text + "'");
    }
}
