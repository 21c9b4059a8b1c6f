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

    /** The page as it reads after these changes; counts and version are left as they are. */
    Page applyTo(Page page) {
        return new Page(page.key(),
                change("title", title, page.title()),
                change("url", url, page.url()),
                change("byline", byline, page.byline()),
                change("section", section, page.section()),
                change("publishedAt", publishedAt, page.publishedAt()),
                open.orElse(page.open()),
                page.commentCount(),
                page.version());
    }

    private <T> Optional<T> change(String field, Optional<T> given, Optional<T> stored) {
        return clear.contains(field) ? Optional.empty() : given.or(() -> stored);
    }
}
