package org.parley.comments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.parley.http.Json;
import org.parley.identity.ReaderId;

/** SQL for what a full export reads of each comment beyond its row (votes, review, reasons), and what its import restores. */
final class TrailRepository {

    private static final ObjectMapper JSON = Json.mapper();

    /** The trail of each comment on {@code page}, by comment id. */
    Map<String, ArchivedTrail> ofPage(Handle h, PageId page) {
        Map<String, List<ReaderVote>> votes = new HashMap<>();
        h.createQuery("""
                        SELECT v.comment_id, v.voter_id, v.value, v.voted_at FROM votes v JOIN comments c ON c.id = v.comment_id
                        WHERE c.page_id = :page ORDER BY v.voted_at, v.voter_id""")
                .bind("page", page.value())
                .map((rs, ctx) -> Map.entry(rs.getString(1), new ReaderVote(new ReaderId(rs.getString(2)), rs.getInt(3),
                        Instant.ofEpochMilli(rs.getLong(4)))))
                .forEach(e -> votes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, ArchivedTrail> trails = new HashMap<>();
        h.createQuery("SELECT id, review, reasons, featured, author_note FROM comments WHERE page_id = :page")
                .bind("page", page.value())
                .map((rs, ctx) -> new ArchivedTrail(new CommentId(rs.getString(1)), votes.getOrDefault(rs.getString(1), List.of()),
                        rs.getString(2), reasons(rs.getString(3)), rs.getBoolean(4), Optional.ofNullable(rs.getString(5))))
                .forEach(trail -> trails.put(trail.comment().value(), trail));
        return trails;
    }

    /**
     * Restores trails onto comments just imported: each vote as an established reader's (its household is not
     * exported), the author's own left out; then counts made from the stored votes, so that withdrawing one later
     * takes exactly it away; then review, reasons, highlight and note.
     */
    void restore(Handle h, List<ArchivedTrail> trails) {
        PreparedBatch votes = h.prepareBatch("""
                INSERT INTO votes (comment_id, voter_id, value, newcomer, voted_at)
                SELECT :comment, :voter, :value, FALSE, :at FROM comments WHERE id = :comment AND author_id <> :voter
                ON CONFLICT (comment_id, voter_id) DO NOTHING""");
        PreparedBatch rows = h.prepareBatch("""
                UPDATE comments SET review = :review, reasons = :reasons, featured = :featured, author_note = :note,
                    up = (SELECT COUNT(*) FROM votes WHERE comment_id = :comment AND value = 1),
                    down = (SELECT COUNT(*) FROM votes WHERE comment_id = :comment AND value = -1)
                WHERE id = :comment""");
        for (ArchivedTrail trail : trails) {
            for (ReaderVote vote : trail.votes()) {
                votes.bind("comment", trail.comment().value()).bind("voter", vote.voter().value()).bind("value", vote.value())
                        .bind("at", vote.at().toEpochMilli()).add();
            }
            rows.bind("comment", trail.comment().value()).bind("review", trail.review()).bind("reasons", Json.text(JSON, trail.reasons()))
                    .bind("featured", trail.featured()).bind("note", trail.note().orElse(null)).add();
        }
        if (votes.size() > 0) {
            votes.execute();
        }
        if (rows.size() > 0) {
            rows.execute();
        }
    }

    private static List<Reason> reasons(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<Reason>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("stored reasons are not readable: " + json, e);
        }
    }
}
