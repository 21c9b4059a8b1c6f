package org.parley.comments;

import java.util.List;
import java.util.Optional;

/**
 * What the {@link Gate} decided about a submission, with every reason for it. A published comment with reasons at
 * {@link Reason.Level#FLAG} or above is open for a moderator's review.
 *
 * @param authorMessage what the author is told when the comment is held or rejected
 * @param records       what screening keeps with the comment (its fingerprint, its turn in a conversation):
 *                      run inside the transaction that stores it, so it is kept with the comment or not at all
 */
public record Verdict(Decision decision, List<Reason> reasons, Optional<String> authorMessage, Runnable records) {

    public enum Decision { PUBLISH, HOLD, REJECT }

    private static final Runnable NOTHING = () -> {
    };

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    /** A verdict that keeps nothing with the comment. */
    public Verdict(Decision decision, List<Reason> reasons, Optional<String> authorMessage) {
        this(decision, reasons, authorMessage, NOTHING);
    }

    /** This verdict, keeping {@code records} with the comment. */
    public Verdict withRecords(Runnable records) {
        return new Verdict(decision, reasons, authorMessage, records);
    }

    public static Verdict publish() {
        return new Verdict(Decision.PUBLISH, List.of(), Optional.empty());
    }

    /** True when a moderator should look at it: held, or published with a flag. */
    public boolean needsReview() {
        return decision == Decision.HOLD
                || (decision == Decision.PUBLISH && reasons.stream().anyMatch(r -> r.level().compareTo(Reason.Level.FLAG) >= 0));
    }

    /** The status a comment gets from this decision. */
    CommentStatus status() {
        return switch (decision) {
            case PUBLISH -> CommentStatus.PUBLISHED;
            case HOLD -> CommentStatus.PENDING;
            case REJECT -> CommentStatus.REJECTED;
        };
    }
}
