package org.parley.imports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.comments.Reason;

/**
 * What a Parley export (version 2) holds about one comment besides its text: who voted how, and what moderation
 * made of it.
 *
 * @param votes  each vote, by the voter's reader id in the export
 * @param review {@code none}, {@code open} or {@code done}
 */
record SourceTrail(List<Vote> votes, String review, List<Reason> reasons, boolean featured, Optional<String> note) {

    SourceTrail {
        votes = List.copyOf(votes);
        reasons = List.copyOf(reasons);
    }

    /** One vote: 1 up, -1 down. */
    record Vote(String voter, int value, Instant at) {
    }
}
