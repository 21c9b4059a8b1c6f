package org.parley.comments;

import java.util.Optional;
import org.parley.identity.ReaderId;

/** Who wrote a comment: the commenter's public id and the name they gave, if any (shown as "Guest" otherwise). */
public record Author(ReaderId id, Optional<String> name) {
}
