package org.parley.comments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.sites.SiteId;

/** SQL for the {@code pages} table and each page's change log, {@code page_events}. */
final class PageRepository {

    private static final String COLUMNS = """
            id, site_id, page_key, title, url, byline, section, published_at, is_open, comment_count, version""";

    /** One entry of a page's change log. {@code commentId} is empty for page-level changes. */
    record PageEvent(long version, String kind, String commentId) {
    }

    Optional<PageRow> find(Handle h, SiteId site, PageKey key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pages WHERE site_id = :site AND page_key = :key")
                .bind("site", site.value())
                .bind("key", key.value())
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    Optional<PageRow> find(Handle h, PageId id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pages WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    /** Creates the page unless the site has one with this key (a concurrent first comment may have); true when it did. */
    boolean insertIfAbsent(Handle h, PageId id, SiteId site, PageKey key, Optional<String> title, Optional<String> url, Instant now) {
        return h.createUpdate("""
                        INSERT INTO pages (id, site_id, page_key, title, url, is_open, comment_count, version, created_at)
                        VALUES (:id, :site, :key, :title, :url, :open, 0, 0, :now)
                        ON CONFLICT (site_id, page_key) DO NOTHING""")
                .bind("id", id.value())
                .bind("site", site.value())
                .bind("key", key.value())
                .bind("title", title.orElse(null))
                .bind("url", url.orElse(null))
                .bind("open", true)
                .bind("now", now.toEpochMilli())
                .execute() > 0;
    }

    void updateMeta(Handle h, PageId id, Page page) {
        h.createUpdate("""
                        UPDATE pages SET title = :title, url = :url, byline = :byline, section = :section,
                               published_at = :publishedAt, is_open = :open
                        WHERE id = :id""")
                .bind("id", id.value())
                .bind("title", page.title().orElse(null))
                .bind("url", page.url().orElse(null))
                .bind("byline", page.byline().orElse(null))
                .bind("section", page.section().orElse(null))
                .bind("publishedAt", page.publishedAt().map(Instant::toEpochMilli).orElse(null))
                .bind("open", page.open())
                .execute();
    }

    /**
     * Records one change: bumps the page's version (and its comment count by {@code countDelta}) and
     * appends the change to the log under the new version. Returns the new version.
     */
    long recordChange(Handle h, PageId id, int countDelta, String kind, String commentId, Instant now) {
        long version = h.createQuery("""
                        UPDATE pages SET version = version + 1, comment_count = comment_count + :delta
                        WHERE id = :id RETURNING version""")
                .bind("id", id.value())
                .bind("delta", countDelta)
                .mapTo(Long.class)
                .one();
        h.createUpdate("""
                        INSERT INTO page_events (page_id, version, kind, comment_id, created_at)
                        VALUES (:page, :version, :kind, :comment, :now)""")
                .bind("page", id.value())
                .bind("version", version)
                .bind("kind", kind)
                .bind("comment", commentId)
                .bind("now", now.toEpochMilli())
                .execute();
        return version;
    }

    /** A stored page with the time it came to be. */
    record CreatedPage(PageRow row, long createdAt) {
    }

    /** Up to {@code limit} of the site's pages after page id {@code after} ("" for the first), by id. */
    List<CreatedPage> ofSite(Handle h, SiteId site, String after, int limit) {
        return h.createQuery("SELECT " + COLUMNS + ", created_at FROM pages WHERE site_id = :site AND id > :after ORDER BY id LIMIT :limit")
                .bind("site", site.value())
                .bind("after", after)
                .bind("limit", limit)
                .map((rs, ctx) -> new CreatedPage(row(rs), rs.getLong("created_at")))
                .list();
    }

    /** The page's current version, if the page exists. */
    Optional<Long> version(Handle h, PageId id) {
        return h.createQuery("SELECT version FROM pages WHERE id = :id").bind("id", id.value()).mapTo(Long.class).findOne();
    }

    /** The log entries after {@code version}, oldest first, at most {@code limit}. */
    List<PageEvent> eventsAfter(Handle h, PageId id, long version, int limit) {
        return h.createQuery("""
                        SELECT version, kind, comment_id FROM page_events
                        WHERE page_id = :page AND version > :version ORDER BY version LIMIT :limit""")
                .bind("page", id.value())
                .bind("version", version)
                .bind("limit", limit)
                .map((rs, ctx) -> new PageEvent(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Published comment counts for the given keys of one site; keys without a page are absent. */
    Map<String, Integer> counts(Handle h, SiteId site, Collection<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        h.createQuery("SELECT page_key, comment_count FROM pages WHERE site_id = :site AND page_key IN (<keys>)")
                .bind("site", site.value())
                .bindList("keys", List.copyOf(keys))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    private static PageRow row(ResultSet rs) throws SQLException {
        long published = rs.getLong("published_at");
        Optional<Instant> publishedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(published));
        Page page = new Page(
                new PageKey(rs.getString("page_key")),
                Optional.ofNullable(rs.getString("title")),
                Optional.ofNullable(rs.getString("url")),
                Optional.ofNullable(rs.getString("byline")),
                Optional.ofNullable(rs.getString("section")),
                publishedAt,
                rs.getBoolean("is_open"),
                rs.getInt("comment_count"),
                rs.getLong("version"));
        return new PageRow(new PageId(rs.getString("id")), new SiteId(rs.getString("site_id")), page);
    }
}
