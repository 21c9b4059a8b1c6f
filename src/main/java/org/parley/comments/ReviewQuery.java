package org.parley.comments;

import java.util.List;
import java.util.Optional;

/**
 * Which comments a moderator asks for: a queue within their scopes (oldest first for open queues,
 * newest first for decided ones), or given comments by id.
 *
 * @param scopes where to look; empty means every site (an admin)
 * @param ids    when present, exactly these comments (still within the scopes) instead of a queue
 * @param after  the {@code id} of the last item of the previous page
 */
public record ReviewQuery(List<ReviewScope> scopes, ReviewQueue queue, Optional<List<CommentId>> ids,
                          Optional<CommentId> after, int limit) {

    public ReviewQuery {
        scopes = List.copyOf(scopes);
        ids = ids.map(List::copyOf);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1..500, was " + limit);
        }
    }

    /** A page of one queue. */
    public static ReviewQuery queue(List<ReviewScope> scopes, ReviewQueue queue, Optional<CommentId> after, int limit) {
        return new ReviewQuery(scopes, queue, Optional.empty(), after, limit);
    }

    /** These comments, if the scopes allow. */
    public static ReviewQuery ids(List<ReviewScope> scopes, List<CommentId> ids) {
        return new ReviewQuery(scopes, ReviewQueue.PENDING, Optional.of(ids), Optional.empty(), Math.max(1, Math.min(500, ids.size())));
    }
}
