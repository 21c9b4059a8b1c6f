package org.parley.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code reader_sessions} table. */
final class SessionRepository {

    /** A session as stored: whose, and until when. */
    record Row(ReaderId reader, Instant expiresAt) {
    }

    void insert(Handle h, String tokenHash, ReaderId reader, Instant now, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO reader_sessions (token_hash, reader_id, created_at, expires_at)
                        VALUES (:hash, :reader, :now, :expires)""")
                .bind("hash", tokenHash)
                .bind("reader", reader.value())
                .bind("now", now.toEpochMilli())
                .bind("expires", expiresAt.toEpochMilli())
                .execute();
    }

    Optional<Row> find(Handle h, String tokenHash) {
        return h.createQuery("SELECT reader_id, expires_at FROM reader_sessions WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new Row(new ReaderId(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2))))
                .findOne();
    }

    boolean delete(Handle h, String tokenHash) {
        return h.createUpdate("DELETE FROM reader_sessions WHERE token_hash = :hash").bind("hash", tokenHash).execute() > 0;
    }

    /** Deletes every session of {@code reader}; returns the digests deleted, so their cache entries can be dropped. */
    List<String> deleteAll(Handle h, ReaderId reader) {
        List<String> hashes = h.createQuery("SELECT token_hash FROM reader_sessions WHERE reader_id = :reader")
                .bind("reader", reader.value())
                .mapTo(String.class)
                .list();
        h.createUpdate("DELETE FROM reader_sessions WHERE reader_id = :reader").bind("reader", reader.value()).execute();
        return hashes;
    }

    int deleteExpired(Handle h, Instant now) {
        return h.createUpdate("DELETE FROM reader_sessions WHERE expires_at <= :now").bind("now", now.toEpochMilli()).execute();
    }

    /** When each open session of {@code reader} began and ends, for their export (never the tokens). */
    List<Map<String, Object>> of(Handle h, ReaderId reader) {
        return h.createQuery("SELECT created_at, expires_at FROM reader_sessions WHERE reader_id = :reader ORDER BY created_at")
                .bind("reader", reader.value())
                .map((rs, ctx) -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("since", Instant.ofEpochMilli(rs.getLong(1)).toString());
                    out.put("until", Instant.ofEpochMilli(rs.getLong(2)).toString());
                    return out;
                })
                .list();
    }
}
