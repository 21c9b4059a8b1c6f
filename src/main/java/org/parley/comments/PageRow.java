package org.parley.comments;

import org.parley.sites.SiteId;

/** A stored page: the public view plus the ids that stay inside Parley. */
record PageRow(PageId id, SiteId siteId, Page page) {
}
