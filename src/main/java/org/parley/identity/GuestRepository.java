package org.parley.identity;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code guests} table. */
final class GuestRepository {

    /**
     * Stores a guest; {@code network} is the pseudonym of the network it was created from (empty when Parley
     * made it itself), {@code crowded} whether that network had already made many guests just before.
     */
    void insert(Handle h, ReaderId id, String tokenHash, Optional<String> network, boolean crowded, Instant now) {
        h.createUpdate("""
                        INSERT INTO guests (id, token_hash, network, crowded, created_at)
                        VALUES (:id, :hash, :network, :crowded, :now)""")
                .bind("id", id.value())
                .bind("hash", tokenHash)
                .bind("network", network.orElse(null))
                .bind("crowded", crowded)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    Optional<ReaderId> byTokenHash(Handle h, String tokenHash) {
        return h.createQuery("SELECT id FROM guests WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .mapTo(String.class)
                .findOne()
                .map(ReaderId::new);
    }

    Optional<GuestRow> find(Handle h, ReaderId id) {
        return h.createQuery("SELECT network, crowded, created_at FROM guests WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new GuestRow(id, Optional.ofNullable(rs.getString(1)), rs.getBoolean(2),
                        Instant.ofEpochMilli(rs.getLong(3))))
                .findOne();
    }

    /** Guests created from {@code network} since {@code since}. */
    int createdFrom(Handle h, String network, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM guests WHERE network = :network AND created_at >= :since")
                .bind("network", network)
                .bind("since", since.toEpochMilli())
                .mapTo(Integer.class)
                .one();
    }

    /** Deletes the guest; returns its token's digest, if it existed, so caches can drop it. */
    Optional<String> delete(Handle h, ReaderId id) {
        Optional<String> hash = h.createQuery("SELECT token_hash FROM guests WHERE id = :id").bind("id", id.value())
                .mapTo(String.class).findOne();
        h.createUpdate("DELETE FROM guests WHERE id = :id").bind("id", id.value()).execute();
        return hash;
    }
}
