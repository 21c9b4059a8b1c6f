package org.parley.comments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.parley.http.Json;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/** SQL for moderators' views of comments: queues, given comments, conversations, an author's record. */
final class ReviewRepository {

    private static final ObjectMapper JSON = Json.mapper();
    private final CommentImageRepository images = new CommentImageRepository();
    private final RevisionRepository revisions = new RevisionRepository();
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };
    private static final String SELECT = """
            SELECT c.id, p.site_id, p.page_key, p.title, p.url, p.section, c.parent_id, c.author_id, c.author_name, c.status,
                   c.markdown, c.html, c.created_at, c.up, c.down, c.featured, c.review, c.reasons
            FROM comments c JOIN pages p ON p.id = c.page_id""";

    List<ReviewItem> find(Handle h, ReviewQuery query) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        scopes(query.scopes(), where, args);
        boolean newestFirst = false;
        if (query.ids().isPresent()) {
            if (query.ids().get().isEmpty()) {
                return List.of();
            }
            where.add("c.id IN (" + "?,".repeat(query.ids().get().size()).replaceAll(",$", "") + ")");
            query.ids().get().forEach(id -> args.add(id.value()));
        } else {
            where.add(switch (query.queue()) {
                case PENDING -> "c.status = 'pending'";
                case FLAGGED -> "c.status = 'published' AND c.review = 'open'";
                case APPROVED -> "c.status = 'published' AND c.review = 'done'";
                case REJECTED -> "c.status = 'rejected'";
            });
            newestFirst = query.queue() == ReviewQueue.APPROVED || query.queue() == ReviewQueue.REJECTED;
            if (query.after().isPresent()) {
                where.add(newestFirst
                        ? "(c.created_at < (SELECT created_at FROM comments WHERE id = ?) OR (c.created_at = (SELECT created_at FROM comments WHERE id = ?) AND c.id < ?))"
                        : "(c.created_at > (SELECT created_at FROM comments WHERE id = ?) OR (c.created_at = (SELECT created_at FROM comments WHERE id = ?) AND c.id > ?))");
                String after = query.after().get().value();
                args.add(after);
                args.add(after);
                args.add(after);
            }
        }
        String order = newestFirst ? " ORDER BY c.created_at DESC, c.id DESC" : " ORDER BY c.created_at, c.id";
        Query select = h.createQuery(SELECT + " WHERE " + String.join(" AND ", where) + order + " LIMIT " + query.limit());
        for (int i = 0; i < args.size(); i++) {
            select.bind(i, args.get(i));
        }
        return complete(h, select.map((rs, ctx) -> item(rs)).list());
    }

    /** The comment, the comments above it up to the top, and its direct replies, in thread order. */
    List<ReviewItem> conversation(Handle h, CommentId id) {
        List<ReviewItem> above = new ArrayList<>();
        Optional<ReviewItem> current = one(h, id.value());
        if (current.isEmpty()) {
            return List.of();
        }
        Optional<CommentId> parent = current.get().parentId();
        while (parent.isPresent()) {
            Optional<ReviewItem> up = one(h, parent.get().value());
            if (up.isEmpty()) {
                break;
            }
            above.addFirst(up.get());
            parent = up.get().parentId();
        }
        above.add(current.get());
        above.addAll(h.createQuery(SELECT + " WHERE c.parent_id = :id ORDER BY c.created_at, c.id")
                .bind("id", id.value())
                .map((rs, ctx) -> item(rs))
                .list());
        return complete(h, above);
    }

    /** The items with the images they show and the texts their authors replaced, two queries for all. */
    private List<ReviewItem> complete(Handle h, List<ReviewItem> items) {
        List<String> ids = items.stream().map(item -> item.id().value()).toList();
        Map<String, List<CommentImage>> shown = images.forComments(h, ids);
        Map<String, List<Revision>> replaced = revisions.forComments(h, ids);
        return items.stream()
                .map(item -> shown.containsKey(item.id().value()) || replaced.containsKey(item.id().value())
                        ? item.with(shown.getOrDefault(item.id().value(), List.of()), replaced.getOrDefault(item.id().value(), List.of()))
                        : item)
                .toList();
    }

    AuthorStats authorStats(Handle h, SiteId site, ReaderId author) {
        int[] counts = new int[4];
        h.createQuery("""
                        SELECT c.status, COUNT(*) FROM comments c JOIN pages p ON p.id = c.page_id
                        WHERE c.author_id = :author AND p.site_id = :site GROUP BY c.status""")
                .bind("author", author.value())
                .bind("site", site.value())
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getInt(2)})
                .forEach(row -> counts[switch ((String) row[0]) {
                    case "published" -> 0;
                    case "pending" -> 1;
                    case "rejected" -> 2;
                    default -> 3;
                }] += (Integer) row[1]);
        return new AuthorStats(counts[0], counts[1], counts[2], counts[3]);
    }

    /** The ids of the author's published comments on the site, in id order (the order bulk decisions lock them in). */
    List<CommentId> publishedBy(Handle h, SiteId site, ReaderId author) {
        return h.createQuery("""
                        SELECT c.id FROM comments c JOIN pages p ON p.id = c.page_id
                        WHERE c.author_id = :author AND p.site_id = :site AND c.status = 'published' ORDER BY c.id""")
                .bind("author", author.value())
                .bind("site", site.value())
                .map((rs, ctx) -> new CommentId(rs.getString(1)))
                .list();
    }

    private Optional<ReviewItem> one(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE c.id = :id").bind("id", id).map((rs, ctx) -> item(rs)).findOne();
    }

    private static void scopes(List<ReviewScope> scopes, List<String> where, List<Object> args) {
        if (scopes.isEmpty()) {
            return;
        }
        List<String> any = new ArrayList<>();
        for (ReviewScope scope : scopes) {
            if (scope.section().isPresent()) {
                any.add("(p.site_id = ? AND p.section = ?)");
                args.add(scope.site().value());
                args.add(scope.section().get());
            } else {
                any.add("p.site_id = ?");
                args.add(scope.site().value());
            }
        }
        where.add("(" + String.join(" OR ", any) + ")");
    }

    private static ReviewItem item(ResultSet rs) throws SQLException {
        return new ReviewItem(
                new CommentId(rs.getString("id")),
                new SiteId(rs.getString("site_id")),
                new PageKey(rs.getString("page_key")),
                Optional.ofNullable(rs.getString("title")),
                Optional.ofNullable(rs.getString("url")),
                Optional.ofNullable(rs.getString("section")),
                Optional.ofNullable(rs.getString("parent_id")).map(CommentId::new),
                new ReaderId(rs.getString("author_id")),
                Optional.ofNullable(rs.getString("author_name")),
                CommentStatus.fromDb(rs.getString("status")),
                new Markdown(rs.getString("markdown")),
                new SafeHtml(rs.getString("html")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getInt("up"),
                rs.getInt("down"),
                rs.getBoolean("featured"),
                "open".equals(rs.getString("review")),
                reasons(rs.getString("reasons")),
                List.of(),
                List.of());
    }

    private static List<Reason> reasons(String json) {
        try {
            return JSON.readValue(json, REASONS);
        } catch (IOException e) {
            throw new UncheckedIOException("stored reasons are not readable: " + json, e);
        }
    }

    /** Comments posted since {@code since} that wait for a moderator's look (flagged or held), per site. */
    Map<SiteId, Integer> openSince(Handle h, Instant since) {
        Map<SiteId, Integer> out = new HashMap<>();
        h.createQuery("""
                        SELECT p.site_id, COUNT(*) FROM comments c JOIN pages p ON p.id = c.page_id
                        WHERE c.review = 'open' AND c.created_at >= :since GROUP BY p.site_id""")
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(new SiteId(rs.getString(1)), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
