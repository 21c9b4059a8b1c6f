package org.parley.comments;

import java.util.concurrent.atomic.LongAdder;

/**
 * The running counts behind {@link Comments#activity()}. Counted after the write committed, so a post that
 * failed or rolled back never counts. Thread-safe; cheap enough for every request (one {@link LongAdder} each).
 */
final class ActivityCounts {

    private final LongAdder published = new LongAdder();
    private final LongAdder held = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder edits = new LongAdder();
    private final LongAdder votes = new LongAdder();

    Comment posted(Comment comment) {
        switch (comment.status()) {
            case PUBLISHED -> published.increment();
            case PENDING -> held.increment();
            case REJECTED -> rejected.increment();
            case DELETED, BLOCKED -> {
                // never the status of a comment just posted
            }
        }
        return comment;
    }

    EditOutcome edited(EditOutcome outcome) {
        if (outcome instanceof EditOutcome.Edited) {
            edits.increment();
        }
        return outcome;
    }

    VoteTally voted(VoteTally tally) {
        votes.increment();
        return tally;
    }

    CommentActivity snapshot() {
        return new CommentActivity(published.sum(), held.sum(), rejected.sum(), edits.sum(), votes.sum());
    }
}
