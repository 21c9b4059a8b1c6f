package org.parley.staff;

import java.util.List;
import java.util.Optional;
import org.parley.sites.SiteId;

/**
 * A newsroom staff member as the dashboard sees them: who, with which role, and where they may
 * moderate. An admin's scopes are empty (they cover everything); a moderator has at least one.
 */
public record StaffUser(StaffId id, String username, Role role, List<Scope> scopes) {

    public StaffUser {
        scopes = List.copyOf(scopes);
    }

    /** True for admins, who may manage staff and settings as well as moderate everywhere. */
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /**
     * True when this person may moderate a page of {@code site} filed under {@code section}: always for
     * an admin; for a moderator, when one scope covers the whole site or names exactly that section.
     */
    public boolean mayModerate(SiteId site, Optional<String> section) {
        return isAdmin() || scopes.stream().anyMatch(scope -> scope.covers(site, section));
    }
}
