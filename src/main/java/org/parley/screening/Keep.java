package org.parley.screening;

import java.util.ArrayList;
import java.util.List;

/**
 * What signals keep of a comment (its fingerprint, its turn in a conversation), gathered while it is screened
 * and written later, inside the transaction that stores the comment: screening itself reads only what is
 * committed and holds no lock, and nothing is kept of a comment that is not stored. Not thread-safe: one
 * per screening.
 */
final class Keep {

    private final List<Runnable> writes = new ArrayList<>();

    /** Adds a write to run (through {@code Database.write}, which joins the storing transaction). */
    void add(Runnable write) {
        writes.add(write);
    }

    void addAll(Keep other) {
        writes.addAll(other.writes);
    }

    /** Every write kept, to run in the storing transaction. */
    Runnable all() {
        List<Runnable> kept = List.copyOf(writes);
        return () -> kept.forEach(Runnable::run);
    }
}
