package org.parley.staff;

import java.util.List;

/**
 * An account to create, as an admin or a script asks for it; {@link Staff#createUser} checks it and
 * reports every problem at once. Usernames are compared and stored lowercase.
 */
public record NewStaffUser(String username, Role role, List<Scope> scopes) {

    public NewStaffUser {
        scopes = List.copyOf(scopes);
    }
}
