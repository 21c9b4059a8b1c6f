package org.parley.identity;

import java.time.Instant;
import java.util.Optional;

/** One entry of a reader's block list: who, under which name they were seen, and since when. */
public record Block(ReaderId blocked, Optional<String> name, Instant since) {
}
