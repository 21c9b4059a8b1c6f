package org.parley.imports;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.parley.comments.PageKey;

/**
 * How an exported page becomes a Parley page key: the widget's {@code data-page} must name the page the same way.
 * {@link #URL} takes the page's address as the export gives it; {@link #PATH} its path (with the query, if any);
 * {@link #ID} the id the export gives the page (Disqus: the thread's identifier, {@code <id>}; WordPress: the post id;
 * a Parley export: the page key it had; Remark42 and Commento have none).
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

    /** The page key this rule gives {@code page}; empty when the export has nothing usable for it. */
    Optional<PageKey> keyOf(SourcePage page) {
        Optional<String> key = switch (this) {
            case URL -> page.url();
            case ID -> page.identifier();
            case PATH -> page.url().flatMap(PageKeyRule::path);
        };
        return key.map(String::strip).filter(PageKey::isValid).map(PageKey::new);
    }

    /** The path of an address, with its query when it has one ({@code /?p=12}): {@code /} for none. */
    private static Optional<String> path(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                return Optional.empty();
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return Optional.of(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
