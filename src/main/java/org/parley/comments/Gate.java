package org.parley.comments;

import org.parley.sites.SiteId;

/**
 * The gate every comment passes before it is stored, new or edited by its author: it decides
 * published, held for a moderator, or rejected, with every reason. Comments does not know how the decision
 * is made; screening implements it ({@link #PUBLISH_ALL}, which publishes everything, serves tests of
 * comments alone). A new comment is screened before the transaction that stores it opens, against what is
 * committed, so screening never holds the write lock; what it keeps with the comment comes back as
 * {@link Verdict#records()}, run inside that transaction. It may throw a
 * {@link org.parley.http.ParleyException} (a ban, a rate limit) to refuse the comment outright.
 */
public interface Gate {

    /** Publishes everything without reasons. */
    Gate PUBLISH_ALL = submission -> Verdict.publish();

    Verdict screen(Submission submission);

    /**
     * Gets ready to screen a comment of {@code site} saying {@code body} (rendered as {@code html}) before
     * a transaction opens (a word list compiled, the text scored by the abuse model), for a caller that
     * screens inside one (an edit), so that work never happens while the transaction holds its locks.
     * Cheap when ready already.
     */
    default void prepare(SiteId site, Markdown body, SafeHtml html) {
    }
}
