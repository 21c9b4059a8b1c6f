package org.parley.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * One reader's block of another, made on a site: for a full export of the site and its import.
 *
 * @param name  the name the blocked reader showed when blocked, as the blocker's list shows it
 * @param since when the block was made
 */
public record SiteBlock(ReaderId blocker, ReaderId blocked, Optional<String> name, Instant since) {
}
