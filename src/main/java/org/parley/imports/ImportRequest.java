package org.parley.imports;

import org.parley.sites.SiteId;

/**
 * What to import: into which site, from which format, with which page-key rule; a {@code dryRun} checks the
 * whole export and says what each page would become, writing nothing.
 */
public record ImportRequest(SiteId site, ImportFormat format, PageKeyRule pageKey, boolean dryRun) {

    public ImportRequest {
        if (site == null || format == null || pageKey == null) {
            throw new IllegalArgumentException("an import needs a site, a format and a page-key rule");
        }
    }
}
