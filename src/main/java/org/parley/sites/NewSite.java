package org.parley.sites;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a newsroom says about a site when it creates or updates it. Origins are normalized to
 * {@code scheme://host[:port]}; anything else is rejected with the offending value named.
 */
public record NewSite(SiteId id, String name, Set<String> origins, Duration editWindow, int maxCommentLength,
                      ImageRules images) {

    /** Authors may change their comment for 15 minutes unless the site says otherwise. */
    public static final Duration DEFAULT_EDIT_WINDOW = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_COMMENT_LENGTH = 10_000;
    /** The longest edit window a site may set. */
    public static final Duration MAX_EDIT_WINDOW = Duration.ofDays(7);
    /** The highest comment length, in characters (code points), a site may allow. */
    public static final int MAX_COMMENT_LENGTH_LIMIT = 100_000;

    public NewSite {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("site name must be 1-200 characters");
        }
        if (editWindow.isNegative() || editWindow.compareTo(MAX_EDIT_WINDOW) > 0) {
            throw new IllegalArgumentException("edit window must be between 0 and 7 days, was " + editWindow);
        }
        if (maxCommentLength < 1 || maxCommentLength > MAX_COMMENT_LENGTH_LIMIT) {
            throw new IllegalArgumentException("max comment length must be 1-" + MAX_COMMENT_LENGTH_LIMIT + " characters, was "
                    + maxCommentLength);
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String origin : origins) {
            normalized.add(normalizeOrigin(origin));
        }
        origins = Set.copyOf(normalized);
        name = name.strip();
    }

    /** A site with Parley's default edit window, comment length and image rules. */
    public static NewSite withDefaults(SiteId id, String name, List<String> origins) {
        return new NewSite(id, name, new LinkedHashSet<>(origins), DEFAULT_EDIT_WINDOW, DEFAULT_MAX_COMMENT_LENGTH,
                ImageRules.defaults());
    }

    /** The origin ({@code scheme://host[:port]}, normalized) of an http(s) page address; empty for anything else. */
    static java.util.Optional<String> originOfPage(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(origin(scheme, uri));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static String origin(String scheme, URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    static String normalizeOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("origin is not a URL: " + origin, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("origin must look like https://news.example or http://localhost:8080, was " + origin);
        }
        return origin(scheme, uri);
    }
}
