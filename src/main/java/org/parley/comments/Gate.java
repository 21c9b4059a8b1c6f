package org.parley.comments;

/**
 * The gate every comment passes before it is stored, new or edited by its author: it decides
 * published, held for a moderator, or rejected, with every reason. Comments does not know how the decision
 * is made; screening implements it (and {@link #PUBLISH_ALL} serves installations and tests without
 * moderation). Called inside the posting (or editing) transaction, so a screening that writes its own
 * records joins it; it may throw a {@link org.parley.http.ParleyException} (a ban, a rate limit) to
 * refuse the comment outright.
 */
public interface Gate {

    /** Publishes everything without reasons. */
    Gate PUBLISH_ALL = submission -> Verdict.publish();

    Verdict screen(Submission submission);
}
