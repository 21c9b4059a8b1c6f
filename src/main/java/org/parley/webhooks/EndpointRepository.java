package org.parley.webhooks;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code webhook_endpoints} table. */
final class EndpointRepository {

    void insert(Handle h, EndpointRow row) {
        Endpoint e = row.endpoint();
        h.createUpdate("""
                        INSERT INTO webhook_endpoints (id, site_id, url, description, events, enabled, secrets, older_until, created_at, created_by)
                        VALUES (:id, :site, :url, :description, :events, :enabled, :secrets, :olderUntil, :createdAt, :createdBy)""")
                .bind("id", e.id())
                .bind("site", e.site().value())
                .bind("url", e.url().toString())
                .bind("description", e.description())
                .bind("events", e.events().stream().map(EventType::apiName).sorted().collect(Collectors.joining(" ")))
                .bind("enabled", e.enabled() ? 1 : 0)
                .bind("secrets", String.join(" ", row.secrets()))
                .bind("olderUntil", row.olderUntil().toEpochMilli())
                .bind("createdAt", e.createdAt().toEpochMilli())
                .bind("createdBy", e.createdBy())
                .execute();
    }

    Optional<EndpointRow> find(Handle h, SiteId site, String id) {
        return h.createQuery("SELECT * FROM webhook_endpoints WHERE id = :id AND site_id = :site")
                .bind("id", id)
                .bind("site", site.value())
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    Optional<EndpointRow> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM webhook_endpoints WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    /** A site's endpoints, oldest first. */
    List<EndpointRow> ofSite(Handle h, SiteId site) {
        return h.createQuery("SELECT * FROM webhook_endpoints WHERE site_id = :site ORDER BY created_at, id")
                .bind("site", site.value())
                .map((rs, ctx) -> row(rs))
                .list();
    }

    boolean anyEnabled(Handle h) {
        return h.createQuery("SELECT id FROM webhook_endpoints WHERE enabled = 1 LIMIT 1").mapTo(String.class).findOne().isPresent();
    }

    void setEnabled(Handle h, String id, boolean enabled) {
        h.createUpdate("UPDATE webhook_endpoints SET enabled = :enabled WHERE id = :id").bind("id", id).bind("enabled", enabled ? 1 : 0).execute();
    }

    void setSecrets(Handle h, String id, List<String> secrets, Instant olderUntil) {
        h.createUpdate("UPDATE webhook_endpoints SET secrets = :secrets, older_until = :olderUntil WHERE id = :id")
                .bind("id", id)
                .bind("secrets", String.join(" ", secrets))
                .bind("olderUntil", olderUntil.toEpochMilli())
                .execute();
    }

    /** Deletes the endpoint with its outbox and delivery log. */
    void delete(Handle h, String id) {
        h.createUpdate("DELETE FROM webhook_attempts WHERE endpoint_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM webhook_messages WHERE endpoint_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM webhook_endpoints WHERE id = :id").bind("id", id).execute();
    }

    private static EndpointRow row(ResultSet rs) throws SQLException {
        EnumSet<EventType> events = EnumSet.noneOf(EventType.class);
        Arrays.stream(rs.getString("events").split(" ")).map(EventType::parse).flatMap(Optional::stream).forEach(events::add);
        Endpoint endpoint = new Endpoint(rs.getString("id"), new SiteId(rs.getString("site_id")), URI.create(rs.getString("url")),
                rs.getString("description"), events, rs.getInt("enabled") == 1, Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("created_by"));
        return new EndpointRow(endpoint, List.of(rs.getString("secrets").split(" ")), Instant.ofEpochMilli(rs.getLong("older_until")));
    }
}
