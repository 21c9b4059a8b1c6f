package org.parley.comments;

import java.util.List;

/**
 * One reason screening gave about a comment, with its evidence: which signal, how serious, a sentence a
 * moderator understands, and the spans of the comment's source that triggered it.
 */
public record Reason(String signal, Level level, String summary, List<Span> spans) {

    /** How serious a reason is, from a note for the record to a rejection. */
    public enum Level { INFO, FLAG, HOLD, REJECT }

    public Reason {
        spans = List.copyOf(spans);
    }

    /** A stretch of the comment's markdown source: character offsets, the text there, and its weight. */
    public record Span(int start, int end, String text, double weight) {
    }
}
