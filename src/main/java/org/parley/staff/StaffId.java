package org.parley.staff;

import org.parley.store.Ids;

/** A staff account's id, e.g. {@code st_01hx3k9q2v8m4t7wa}; audit logs refer to moderators by it. */
public record StaffId(String value) {

    public StaffId {
        if (!Ids.looksLike("st", value)) {
            throw new IllegalArgumentException("not a staff id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
