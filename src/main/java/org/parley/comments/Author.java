package org.parley.comments;

import java.util.List;
import java.util.Optional;
import org.parley.identity.ReaderId;

/**
 * Who wrote a comment: the commenter's public id, the name they gave, if any (shown as "Guest" otherwise), and the
 * badges beside it when they posted ({@code staff}, {@code subscriber}, {@code author} of the article).
 */
public record Author(ReaderId id, Optional<String> name, List<String> badges) {

    public Author {
        badges = List.copyOf(badges);
    }
}
