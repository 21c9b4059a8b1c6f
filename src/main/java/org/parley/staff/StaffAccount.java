package org.parley.staff;

import java.time.Instant;

/** A staff account as admins list them: the user, when it was created and whether it is disabled. */
public record StaffAccount(StaffUser user, Instant createdAt, boolean disabled) {
}
