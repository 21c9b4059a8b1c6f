package org.parley.identity;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code guests} table. */
final class GuestRepository {

    void insert(Handle h, GuestId id, String tokenHash, Instant now) {
        h.createUpdate("INSERT INTO guests (id, token_hash, created_at) VALUES (:id, :hash, :now)")
                .bind("id", id.value())
                .bind("hash", tokenHash)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    Optional<GuestId> byTokenHash(Handle h, String tokenHash) {
        return h.createQuery("SELECT id FROM guests WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .mapTo(String.class)
                .findOne()
                .map(GuestId::new);
    }
}
