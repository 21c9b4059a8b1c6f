package org.parley.identity;

import java.time.Instant;
import java.util.Optional;

/** What is stored about a guest besides its token digest; never changes once written. */
record GuestRow(ReaderId id, Optional<String> network, boolean crowded, Instant createdAt) {
}
