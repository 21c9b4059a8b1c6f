package org.parley.comments;

import java.time.Instant;
import java.util.Optional;

/**
 * What a host site says about one of its pages. Each field is a change: {@code Optional.empty()} leaves
 * the stored value alone, a present value replaces it; {@link #clear} lists fields to erase.
 */
public record PageMeta(
        Optional<String> title,
        Optional<String> url,
        Optional<String> byline,
        Optional<String> section,
        Optional<Instant> publishedAt,
        Optional<Boolean> open,
        java.util.Set<String> clear) {

    public PageMeta {
        clear = java.util.Set.copyOf(clear);
    }
}
