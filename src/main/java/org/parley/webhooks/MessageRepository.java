package org.parley.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/**
 * SQL for the outbox ({@code webhook_messages}) and the delivery log ({@code webhook_attempts}). A sender
 * claims a message by leasing it with one conditional UPDATE: on PostgreSQL a second node's UPDATE of the
 * same row waits for the first and then finds the lease taken, so one message is never sent by two
 * nodes at once; a node that dies holds it only until the lease runs out.
 */
final class MessageRepository {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    /** Adds the message unless this endpoint already has one for {@code eventKey}; true when added. */
    boolean insertIfAbsent(Handle h, Message m, String eventKey) {
        return h.createUpdate("""
                        INSERT INTO webhook_messages (id, endpoint_id, event_key, type, payload, created_at, state, attempts, next_attempt_at)
                        VALUES (:id, :endpoint, :key, :type, :payload, :createdAt, 'pending', 0, :createdAt)
                        ON CONFLICT (endpoint_id, event_key) DO NOTHING""")
                .bind("id", m.id())
                .bind("endpoint", m.endpointId())
                .bind("key", eventKey)
                .bind("type", m.type().apiName())
                .bind("payload", m.payload())
                .bind("createdAt", m.createdAt().toEpochMilli())
                .execute() == 1;
    }

    /** Ids of pending messages due at {@code now} that no live lease holds, longest waiting first. */
    List<String> due(Handle h, Instant now, int limit) {
        return h.createQuery("""
                        SELECT id FROM webhook_messages
                        WHERE state = 'pending' AND next_attempt_at <= :now AND lease_until < :now
                        ORDER BY next_attempt_at, id LIMIT :limit""")
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /** Leases a due message to {@code holder} until {@code until}; empty when another sender has it or it is not due. */
    Optional<Message> claim(Handle h, String id, String holder, Instant now, Instant until) {
        int taken = h.createUpdate("""
                        UPDATE webhook_messages SET lease_until = :until, lease_holder = :holder
                        WHERE id = :id AND state = 'pending' AND next_attempt_at <= :now AND lease_until < :now""")
                .bind("id", id)
                .bind("holder", holder)
                .bind("now", now.toEpochMilli())
                .bind("until", until.toEpochMilli())
                .execute();
        return taken == 1 ? find(h, id) : Optional.empty();
    }

    Optional<Message> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM webhook_messages WHERE id = :id").bind("id", id).map((rs, ctx) -> message(rs)).findOne();
    }

    /**
     * Logs an attempt and moves the message on (pending again with its next attempt, delivered or
     * failed), if {@code holder} still holds its lease; false when the lease ran out and another sender took it.
     */
    boolean recordAttempt(Handle h, String holder, Delivery d, String state) {
        int updated = h.createUpdate("""
                        UPDATE webhook_messages SET state = :state, attempts = :attempt, next_attempt_at = :next,
                               lease_until = 0, lease_holder = ''
                        WHERE id = :id AND lease_holder = :holder""")
                .bind("id", d.messageId())
                .bind("holder", holder)
                .bind("state", state)
                .bind("attempt", d.attempt())
                .bind("next", d.nextAttemptAt().map(Instant::toEpochMilli).orElse(0L))
                .execute();
        if (updated == 1) {
            h.createUpdate("""
                            INSERT INTO webhook_attempts (message_id, attempt, endpoint_id, type, at, status_code, duration_ms, error, next_attempt_at)
                            VALUES (:message, :attempt, :endpoint, :type, :at, :status, :duration, :error, :next)""")
                    .bind("message", d.messageId())
                    .bind("attempt", d.attempt())
                    .bind("endpoint", d.endpointId())
                    .bind("type", d.type().apiName())
                    .bind("at", d.at().toEpochMilli())
                    .bind("status", d.statusCode().orElse(0))
                    .bind("duration", d.durationMillis())
                    .bind("error", d.error().orElse(""))
                    .bind("next", d.nextAttemptAt().map(Instant::toEpochMilli).orElse(0L))
                    .execute();
        }
        return updated == 1;
    }

    /** The newest attempts on a site's endpoints (or one of them), newest first. */
    List<Delivery> attempts(Handle h, SiteId site, Optional<String> endpointId, int limit) {
        return h.createQuery("""
                        SELECT a.* FROM webhook_attempts a JOIN webhook_endpoints e ON e.id = a.endpoint_id
                        WHERE e.site_id = :site AND (:endpoint = '' OR a.endpoint_id = :endpoint)
                        ORDER BY a.at DESC, a.message_id DESC, a.attempt DESC LIMIT :limit""")
                .bind("site", site.value())
                .bind("endpoint", endpointId.orElse(""))
                .bind("limit", limit)
                .map((rs, ctx) -> delivery(rs))
                .list();
    }

    /** Forgets attempts and finished messages older than {@code before}; returns how many attempts went. */
    /** Deletes every message naming {@code readerId} in its payload, with its delivery log; returns how many messages. */
    int forgetReader(Handle h, String readerId) {
        // The id as the JSON quotes it; its '_' escaped, as LIKE reads '_' as any character.
        String quoted = "%\"" + readerId.replace("_", "!_") + "\"%";
        h.createUpdate("""
                        DELETE FROM webhook_attempts
                        WHERE message_id IN (SELECT id FROM webhook_messages WHERE payload LIKE :quoted ESCAPE '!')""")
                .bind("quoted", quoted)
                .execute();
        return h.createUpdate("DELETE FROM webhook_messages WHERE payload LIKE :quoted ESCAPE '!'").bind("quoted", quoted).execute();
    }

    int prune(Handle h, Instant before) {
        int attempts = h.createUpdate("DELETE FROM webhook_attempts WHERE at < :before").bind("before", before.toEpochMilli()).execute();
        h.createUpdate("DELETE FROM webhook_messages WHERE state <> 'pending' AND created_at < :before")
                .bind("before", before.toEpochMilli())
                .execute();
        return attempts;
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getString("id"), rs.getString("endpoint_id"), type(rs), rs.getString("payload"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getInt("attempts"));
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        int status = rs.getInt("status_code");
        String error = rs.getString("error");
        long next = rs.getLong("next_attempt_at");
        return new Delivery(rs.getString("message_id"), rs.getString("endpoint_id"), type(rs), rs.getInt("attempt"),
                Instant.ofEpochMilli(rs.getLong("at")), status == 0 ? Optional.empty() : Optional.of(status),
                rs.getLong("duration_ms"), error.isEmpty() ? Optional.empty() : Optional.of(error),
                next == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next)));
    }

    private static EventType type(ResultSet rs) throws SQLException {
        String name = rs.getString("type");
        for (EventType type : EventType.values()) {
            if (type.apiName().equals(name)) {
                return type;
            }
        }
        throw new IllegalStateException("webhook message of unknown type " + name);
    }
}
