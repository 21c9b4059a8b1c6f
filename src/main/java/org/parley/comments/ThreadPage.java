package org.parley.comments;

import java.util.List;
import java.util.Optional;
import org.parley.sites.Site;

/**
 * One page of a thread as the widget first loads it: the site's rules, the page, top-level comments in
 * the requested order (each with its first replies) and the cursor of the next page, if any.
 */
public record ThreadPage(Site site, Page page, Sort sort, List<ThreadNode> comments, Optional<String> next) {
}
