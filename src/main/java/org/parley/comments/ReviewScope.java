package org.parley.comments;

import java.util.Optional;
import org.parley.sites.SiteId;

/** Part of what a moderator may see: a whole site, or one section of it. */
public record ReviewScope(SiteId site, Optional<String> section) {
}
