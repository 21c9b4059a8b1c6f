package org.parley.desk;

import io.helidon.webserver.http.HttpService;
import org.parley.imports.Imports;
import org.parley.moderation.Moderation;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.webhooks.Webhooks;

/**
 * The desk's door: the moderators' dashboard under {@code /admin}, server-rendered pages (JTE) over what
 * moderation holds: the queues worked from the keyboard, each case with why it is there, the actions and
 * sanctions, the rules and word list of each site, the audit log with its exports, each site's webhooks, and for admins
 * a download of a site's full export. Signed in through
 * staff; what a moderator may see and do is decided by moderation, the pages only offer what it allows.
 */
public final class Desk {

    private final Moderation moderation;
    private final Staff staff;
    private final Sites sites;
    private final Webhooks webhooks;
    private final Imports imports;

    private Desk(Moderation moderation, Staff staff, Sites sites, Webhooks webhooks, Imports imports) {
        this.moderation = moderation;
        this.staff = staff;
        this.sites = sites;
        this.webhooks = webhooks;
        this.imports = imports;
    }

    /** The dashboard over {@code moderation}, with each site's {@code webhooks} and its export ({@code imports}) for its admins. */
    public static Desk create(Moderation moderation, Staff staff, Sites sites, Webhooks webhooks, Imports imports) {
        return new Desk(moderation, staff, sites, webhooks, imports);
    }

    /** The dashboard's pages, forms and assets; mount at the root (they live under {@code /admin}). */
    public HttpService routes() {
        return new DashboardRoutes(moderation, staff, sites, webhooks, imports);
    }
}
