package org.parley.moderation;

import java.util.List;
import org.parley.abuse.Span;

/**
 * What the widget shows a writer before posting: whether to ask them to reconsider, the model's
 * probability, and the words that drove it (offsets into the text they sent).
 */
public record Nudge(boolean reconsider, double probability, List<Span> spans) {

    /** The sentence the widget shows with the highlighted words. */
    public static final String MESSAGE = "This may come across as abusive. You can edit your comment, or post it anyway.";
}
