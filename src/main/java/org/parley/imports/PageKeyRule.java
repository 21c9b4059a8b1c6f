package org.parley.imports;

import java.util.Locale;
import java.util.Optional;

/**
 * How an exported page becomes a Parley page key: the widget's {@code data-page} must name the page the same way.
 * {@link #URL} takes the page's address as the export gives it; {@link #PATH} its path (with the query, if any);
 * {@link #ID} the id the export gives the page (Disqus: the thread's identifier, {@code <id>}; WordPress: the post id).
 */
public enum PageKeyRule {
    URL,
    PATH,
    ID;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule named {@code url}, {@code path} or {@code id}; empty for anything else. */
    public static Optional<PageKeyRule> named(String name) {
        for (PageKeyRule rule : values()) {
            if (rule.apiName().equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
