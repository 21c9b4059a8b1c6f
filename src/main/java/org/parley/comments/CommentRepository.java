package org.parley.comments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.parley.http.Json;
import org.parley.identity.Voice;
import org.parley.identity.Voices;
import org.parley.sites.SiteId;

/** SQL for the {@code comments} and {@code votes} tables. */
final class CommentRepository {

    private static final String ROW_COLUMNS = """
            id, page_id, parent_id, depth, author_id, author_name, author_badges, html, status, created_at, edited_at, up, down,
            featured, author_note""";
    private static final ObjectMapper JSON = Json.mapper();

    private final CommentImageRepository images = new CommentImageRepository();

    /**
     * A stored comment with its source, for the author's edits, and where its review stands: {@code none}
     * (no moderator needed), {@code open} (a moderator should look) or {@code done} (a moderator decided).
     */
    record StoredComment(CommentRow row, Markdown markdown, String review) {

        /** Readers see it, and a moderator let its text through. */
        boolean approved() {
            return row.isPublished() && review.equals("done");
        }
    }

    /** Every comment stored, whatever its status. */
    long countAll(Handle h) {
        return h.createQuery("SELECT count(*) FROM comments").mapTo(Long.class).one();
    }

    /** Stores a new comment with screening's verdict: its status, whether it awaits review, and why. */
    void insert(Handle h, CommentRow row, Markdown markdown, Verdict verdict) {
        h.createUpdate("""
                        INSERT INTO comments (id, page_id, parent_id, depth, author_id, author_name, author_badges, markdown,
                                              html, status, created_at, up, down, review, reasons, author_note)
                        VALUES (:id, :page, :parent, :depth, :author, :name, :badges, :markdown, :html, :status, :created, 0, 0,
                                :review, :reasons, :note)""")
                .bind("badges", row.authorBadges().isEmpty() ? null : String.join(" ", row.authorBadges()))
                .bind("review", verdict.needsReview() ? "open" : "none")
                .bind("reasons", Json.text(JSON, verdict.reasons()))
                .bind("note", row.authorNote().orElse(null))
                .bind("id", row.id())
                .bind("page", row.pageId().value())
                .bind("parent", row.parentId().orElse(null))
                .bind("depth", row.depth())
                .bind("author", row.authorId())
                .bind("name", row.authorName().orElse(null))
                .bind("markdown", markdown.source())
                .bind("html", row.html().html())
                .bind("status", row.status().apiName())
                .bind("created", row.createdAt())
                .execute();
        images.insert(h, row.id(), row.images());
    }

    /** A comment brought from another system's export, with what is stored beside its row. */
    record ArchivedRow(CommentRow row, Markdown markdown, String review, String reasonsJson) {
    }

    /**
     * Stores comments brought from another system's export as they were there, in one batch (parents before their
     * replies): status, time and vote counts kept; {@code review} is open for one a moderator there had not decided on;
     * {@code source} names the system they come from. Counts the published ones in their authors' counts on {@code site}.
     */
    void insertArchived(Handle h, SiteId site, String source, List<ArchivedRow> rows) {
        org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch("""
                INSERT INTO comments (id, page_id, parent_id, depth, author_id, author_name, markdown, html, status,
                                      created_at, deleted_at, up, down, review, reasons, imported_from)
                VALUES (:id, :page, :parent, :depth, :author, :name, :markdown, :html, :status, :created, :deleted, :up, :down,
                        :review, :reasons, :source)""");
        Map<String, Integer> published = new HashMap<>();
        for (ArchivedRow archived : rows) {
            CommentRow row = archived.row();
            batch.bind("id", row.id())
                    .bind("page", row.pageId().value())
                    .bind("parent", row.parentId().orElse(null))
                    .bind("depth", row.depth())
                    .bind("author", row.authorId())
                    .bind("name", row.authorName().orElse(null))
                    .bind("markdown", archived.markdown().source())
                    .bind("html", row.html().html())
                    .bind("status", row.status().apiName())
                    .bind("created", row.createdAt())
                    .bind("deleted", row.status() == CommentStatus.DELETED ? row.createdAt() : null)
                    .bind("up", row.up())
                    .bind("down", row.down())
                    .bind("review", archived.review())
                    .bind("reasons", archived.reasonsJson())
                    .bind("source", source)
                    .add();
            if (row.isPublished()) {
                published.merge(row.authorId(), 1, Integer::sum);
            }
        }
        if (!rows.isEmpty()) {
            batch.execute();
        }
        // The insert trigger leaves imported comments to this: one row per author, not one per comment.
        org.jdbi.v3.core.statement.PreparedBatch counts = h.prepareBatch("""
                INSERT INTO author_counts (site_id, author_id, published) VALUES (:site, :author, :published)
                ON CONFLICT (site_id, author_id) DO UPDATE SET published = author_counts.published + EXCLUDED.published""");
        published.forEach((author, count) -> counts.bind("site", site.value()).bind("author", author).bind("published", count).add());
        if (!published.isEmpty()) {
            counts.execute();
        }
    }

    /** The reasons kept with a comment, as stored JSON ({@code []} when none). */
    Optional<String> reasonsJson(Handle h, String id) {
        return h.createQuery("SELECT COALESCE(reasons, '[]') FROM comments WHERE id = :id").bind("id", id).mapTo(String.class).findOne();
    }

    /** Keeps what screening an imported comment found: its status, whether review is open, and every reason. */
    void screened(Handle h, String id, CommentStatus status, boolean reviewOpen, String reasonsJson) {
        h.createUpdate("UPDATE comments SET status = :status, review = :review, reasons = :reasons WHERE id = :id")
                .bind("status", status.apiName()).bind("review", reviewOpen ? "open" : "none").bind("reasons", reasonsJson)
                .bind("id", id).execute();
    }

    Optional<StoredComment> find(Handle h, String id) {
        return h.createQuery("SELECT " + ROW_COLUMNS + ", markdown, review FROM comments WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new StoredComment(row(rs), new Markdown(rs.getString("markdown")), rs.getString("review")))
                .findOne();
    }

    /**
     * Takes the comment's row lock for the rest of the transaction (a no-op update: portable, where
     * {@code SELECT … FOR UPDATE} is not), so two changes to one comment on PostgreSQL run one after the
     * other and the second reads what the first wrote. SQLite has one writer anyway.
     */
    void lock(Handle h, String id) {
        h.createUpdate("UPDATE comments SET edited_at = edited_at WHERE id = :id").bind("id", id).execute();
    }

    /** The row with the images its comment shows ({@link #find} leaves them out: votes and replies need none). */
    CommentRow withImages(Handle h, CommentRow row) {
        return row.withImages(images.forComments(h, List.of(row.id())).getOrDefault(row.id(), List.of()));
    }

    /** Every comment of a page, oldest first: the input of a {@link ThreadSnapshot}. */
    List<CommentRow> forPage(Handle h, PageId page) {
        Map<String, List<CommentImage>> shown = images.forPage(h, page);
        return h.createQuery("SELECT " + ROW_COLUMNS + " FROM comments WHERE page_id = :page ORDER BY created_at, id")
                .bind("page", page.value())
                .map((rs, ctx) -> row(rs))
                .map(row -> shown.containsKey(row.id()) ? row.withImages(shown.get(row.id())) : row)
                .list();
    }

    /**
     * Stores an author's edit with screening's verdict on it: the new text, the status it leads to, whether
     * review is open ({@code review}: none, open or done), the reasons (which describe the new text) and
     * the note its author sees.
     */
    void revise(Handle h, String id, Markdown markdown, SafeHtml html, Instant editedAt, Verdict verdict, String review) {
        h.createUpdate("""
                        UPDATE comments SET markdown = :markdown, html = :html, edited_at = :edited, status = :status,
                                            review = :review, reasons = :reasons, author_note = :note
                        WHERE id = :id""")
                .bind("id", id)
                .bind("markdown", markdown.source())
                .bind("html", html.html())
                .bind("edited", editedAt.toEpochMilli())
                .bind("status", verdict.status().apiName())
                .bind("review", review)
                .bind("reasons", Json.text(JSON, verdict.reasons()))
                .bind("note", verdict.authorMessage().orElse(null))
                .execute();
    }

    /** Records a moderator's decision: status, whether review is still open, note to the author, highlight. */
    void moderate(Handle h, String id, CommentStatus status, boolean reviewOpen, Optional<String> note, boolean featured) {
        h.createUpdate("""
                        UPDATE comments SET status = :status, review = :review, author_note = :note, featured = :featured
                        WHERE id = :id""")
                .bind("id", id)
                .bind("status", status.apiName())
                .bind("review", reviewOpen ? "open" : "done")
                .bind("note", note.orElse(null))
                .bind("featured", featured)
                .execute();
    }

    /** Deletes the comment's content but keeps the row, so replies keep their parent. */
    void markDeleted(Handle h, String id, Instant now) {
        h.createUpdate("""
                        UPDATE comments SET status = 'deleted', markdown = '', html = '', author_name = NULL, author_badges = NULL, deleted_at = :now
                        WHERE id = :id""")
                .bind("id", id)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /**
     * The author's published comments across a site: how well the site knows them. Read on every post, so it
     * is one row kept by triggers on {@code comments} (V90) rather than a count of the author's comments,
     * which grows with all they ever wrote.
     */
    int publishedOnSite(Handle h, String authorId, org.parley.sites.SiteId site) {
        return h.createQuery("SELECT published FROM author_counts WHERE site_id = :site AND author_id = :author")
                .bind("author", authorId)
                .bind("site", site.value())
                .mapTo(Integer.class)
                .findOne()
                .orElse(0);
    }

    /** Published comments by any of {@code authors} on each of the site's pages {@code keys}, by page key. */
    Map<String, Integer> publishedBy(Handle h, org.parley.sites.SiteId site, java.util.Collection<String> keys,
                                     java.util.Collection<String> authors) {
        Map<String, Integer> counts = new HashMap<>();
        h.createQuery("""
                        SELECT p.page_key, COUNT(*) FROM comments c JOIN pages p ON p.id = c.page_id
                        WHERE p.site_id = :site AND p.page_key IN (<keys>) AND c.author_id IN (<authors>)
                              AND c.status = 'published'
                        GROUP BY p.page_key""")
                .bind("site", site.value())
                .bindList("keys", List.copyOf(keys))
                .bindList("authors", List.copyOf(authors))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /** Published comments directly below this one. */
    int publishedReplies(Handle h, String id) {
        return h.createQuery("SELECT COUNT(*) FROM comments WHERE parent_id = :id AND status = 'published'")
                .bind("id", id)
                .mapTo(Integer.class)
                .one();
    }

    /** True when any comment below this one, at any depth, is still published: it then stays as a placeholder. */
    boolean hasPublishedDescendant(Handle h, String id) {
        return h.createQuery("""
                        WITH RECURSIVE below (id, status) AS (
                            SELECT id, status FROM comments WHERE parent_id = :id
                            UNION ALL
                            SELECT c.id, c.status FROM comments c JOIN below b ON c.parent_id = b.id)
                        SELECT COUNT(*) FROM below WHERE status = 'published'""")
                .bind("id", id)
                .mapTo(Integer.class)
                .one() > 0;
    }

    /** The voter's current vote on the comment: 1, -1, or 0 for none. */
    int vote(Handle h, String commentId, String voterId) {
        return h.createQuery("SELECT value FROM votes WHERE comment_id = :comment AND voter_id = :voter")
                .bind("comment", commentId)
                .bind("voter", voterId)
                .mapTo(Integer.class)
                .findOne()
                .orElse(0);
    }

    /**
     * Sets the voter's vote (0 withdraws it) and adjusts the comment's counts; returns them as they count:
     * each established voter's vote, and brand-new voters' once per household network and direction, at most
     * {@value Voice#MOST_PER_DELEGATION} per delegation and direction (see {@link Voice}). The counts move by
     * this voter's share given everyone else's votes, read under the comment's row lock, so two concurrent votes
     * (PostgreSQL) cannot both claim one network's vote; a few indexed lookups, however many votes the comment has.
     */
    Counts setVote(Handle h, String commentId, String voterId, int value, Voice voice, Instant now) {
        lock(h, commentId);
        Optional<CastVote> before = h.createQuery("""
                        SELECT value, network, delegation, newcomer FROM votes WHERE comment_id = :comment AND voter_id = :voter""")
                .bind("comment", commentId).bind("voter", voterId)
                .map((rs, ctx) -> new CastVote(rs.getInt(1), new Voice(rs.getString(2), rs.getString(3), rs.getBoolean(4))))
                .findOne();
        int[] delta = new int[2];
        before.ifPresent(old -> delta[old.value() == 1 ? 0 : 1] -= share(h, commentId, voterId, old));
        if (value == 0) {
            h.createUpdate("DELETE FROM votes WHERE comment_id = :comment AND voter_id = :voter")
                    .bind("comment", commentId).bind("voter", voterId).execute();
        } else {
            h.createUpdate("""
                            INSERT INTO votes (comment_id, voter_id, value, network, delegation, newcomer, voted_at)
                            VALUES (:comment, :voter, :value, :network, :delegation, :newcomer, :now)
                            ON CONFLICT (comment_id, voter_id) DO UPDATE
                            SET value = excluded.value, network = excluded.network, delegation = excluded.delegation,
                                newcomer = excluded.newcomer, voted_at = excluded.voted_at""")
                    .bind("comment", commentId).bind("voter", voterId).bind("value", value)
                    .bind("network", voice.network()).bind("delegation", voice.delegation()).bind("newcomer", voice.newcomer())
                    .bind("now", now.toEpochMilli()).execute();
            delta[value == 1 ? 0 : 1] += share(h, commentId, voterId, new CastVote(value, voice));
        }
        return h.createQuery("UPDATE comments SET up = up + :up, down = down + :down WHERE id = :id RETURNING up, down")
                .bind("id", commentId).bind("up", delta[0]).bind("down", delta[1])
                .map((rs, ctx) -> new Counts(rs.getInt(1), rs.getInt(2), delta[0] != 0 || delta[1] != 0))
                .one();
    }

    /** A comment's vote counts after a vote, and whether that vote moved them. */
    record Counts(int up, int down, boolean moved) {
    }

    /** A vote as stored: its direction and where it came from. */
    private record CastVote(int value, Voice voice) {
    }

    /**
     * What one voter's vote adds to its direction's count, given the other voters' votes: 1 for an established
     * voter; for a brand-new one, 1 unless another brand-new voter of the same household already votes that way
     * or {@value Voice#MOST_PER_DELEGATION} other households of its delegation already do. Adding and withdrawing
     * both ask with the voter left out, so a delegation's households always add up to {@link Voice#counted}.
     */
    private static int share(Handle h, String commentId, String voterId, CastVote vote) {
        if (!vote.voice().newcomer()) {
            return 1;
        }
        return h.createQuery("""
                        SELECT COUNT(DISTINCT network), COUNT(CASE WHEN network = :network THEN 1 END) FROM votes
                        WHERE comment_id = :comment AND delegation = :delegation AND value = :value AND newcomer
                          AND voter_id <> :voter""")
                .bind("comment", commentId).bind("network", vote.voice().network()).bind("delegation", vote.voice().delegation())
                .bind("value", vote.value()).bind("voter", voterId)
                .map((rs, ctx) -> rs.getInt(2) > 0 || rs.getInt(1) >= Voice.MOST_PER_DELEGATION ? 0 : 1)
                .one();
    }

    /**
     * How the votes on each of {@code ids} add up: cast, as they count (the same rule as {@link #setVote}), and
     * from the busiest delegation. Counted per delegation, then summed: delegations are disjoint.
     */
    Map<String, Voices> voteVoices(Handle h, List<String> ids) {
        Map<String, Voices> voices = new HashMap<>();
        if (ids.isEmpty()) {
            return voices;
        }
        h.createQuery("""
                        SELECT comment_id, delegation IS NOT NULL, COUNT(*), COUNT(CASE WHEN NOT newcomer THEN 1 END),
                               COUNT(DISTINCT CASE WHEN newcomer AND value = 1 THEN network END),
                               COUNT(DISTINCT CASE WHEN newcomer AND value = -1 THEN network END)
                        FROM votes WHERE comment_id IN (<ids>) GROUP BY comment_id, delegation""")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), Voices.ofNetwork(rs.getBoolean(2), rs.getInt(3),
                        rs.getInt(4) + Voice.counted(rs.getInt(5)) + Voice.counted(rs.getInt(6)))))
                .forEach(group -> voices.merge(group.getKey(), group.getValue(), Voices::plus));
        return voices;
    }

    /** The voter's votes on one page's comments, by comment id. */
    Map<String, Integer> votesOnPage(Handle h, String voterId, PageId page) {
        Map<String, Integer> votes = new HashMap<>();
        h.createQuery("""
                        SELECT v.comment_id, v.value FROM votes v JOIN comments c ON c.id = v.comment_id
                        WHERE v.voter_id = :voter AND c.page_id = :page""")
                .bind("voter", voterId)
                .bind("page", page.value())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(entry -> votes.put(entry.getKey(), entry.getValue()));
        return votes;
    }

    private static List<String> badges(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(" "));
    }

    private static CommentRow row(ResultSet rs) throws SQLException {
        long edited = rs.getLong("edited_at");
        Optional<Long> editedAt = rs.wasNull() ? Optional.empty() : Optional.of(edited);
        return new CommentRow(
                rs.getString("id"),
                new PageId(rs.getString("page_id")),
                Optional.ofNullable(rs.getString("parent_id")),
                rs.getInt("depth"),
                rs.getString("author_id"),
                Optional.ofNullable(rs.getString("author_name")),
                badges(rs.getString("author_badges")),
                new SafeHtml(rs.getString("html")),
                CommentStatus.fromDb(rs.getString("status")),
                rs.getLong("created_at"),
                editedAt,
                rs.getInt("up"),
                rs.getInt("down"),
                rs.getBoolean("featured"),
                Optional.ofNullable(rs.getString("author_note")),
                List.of());
    }
}
