package org.parley.desk;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.parley.imports.Imports;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.staff.Session;

/**
 * A site's full export, downloaded from the dashboard by an admin: the file {@code parley export} writes, streamed as it
 * is read from the database (a large site never sits in memory), audited by the imports door before the first byte.
 */
final class DashboardSiteExport {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Imports imports;
    private final Sites sites;

    DashboardSiteExport(Imports imports, Sites sites) {
        this.imports = imports;
        this.sites = sites;
    }

    // GET /admin/sites/{site}/export → 200 parley-export-SITE-DATE.json as an attachment; 403 export-admins-only for moderators
    void download(ServerRequest req, ServerResponse res, Session session) {
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        OutputStream[] opened = new OutputStream[1];
        imports.exportFor(session.user(), site, (Instant at) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json")
                    .header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"parley-export-" + site.value() + "-"
                            + DAY.format(at) + ".json\"")
                    .header(HeaderNames.CACHE_CONTROL, "no-store");
            opened[0] = res.outputStream();
            return opened[0];
        });
        try {
            opened[0].close();
        } catch (IOException e) {
            throw new UncheckedIOException("finishing the export of site " + site, e);
        }
    }
}
