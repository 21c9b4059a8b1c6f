package org.parley.sites;

import java.time.Duration;
import java.util.Set;

/**
 * A publication that embeds Parley, with the rules its threads follow.
 *
 * @param origins          browser origins ({@code https://news.example}) allowed to embed and call the API
 * @param editWindow       how long authors may edit or delete their own comments
 * @param maxCommentLength longest comment source accepted, in characters
 * @param images           what images comments may carry
 */
public record Site(SiteId id, String name, Set<String> origins, Duration editWindow, int maxCommentLength,
                   ImageRules images) {

    public Site {
        origins = Set.copyOf(origins);
    }

    /** True when {@code url} is the address of a web page on one of this site's origins (scheme, host and port alike). */
    public boolean allowsPage(String url) {
        return NewSite.originOfPage(url).filter(origins::contains).isPresent();
    }

    /** True when a browser page on {@code origin} may embed this site's threads. */
    public boolean allowsOrigin(String origin) {
        return origins.contains(origin);
    }
}
