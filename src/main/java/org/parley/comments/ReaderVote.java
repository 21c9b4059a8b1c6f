package org.parley.comments;

import java.time.Instant;
import org.parley.identity.ReaderId;

/** One reader's vote on a comment as stored: up ({@code 1}) or down ({@code -1}), and when it was cast. */
public record ReaderVote(ReaderId voter, int value, Instant at) {

    public ReaderVote {
        if (voter == null || at == null || (value != 1 && value != -1)) {
            throw new IllegalArgumentException("a vote needs a voter, a time and a value of 1 or -1");
        }
    }
}
