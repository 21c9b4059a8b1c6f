package org.parley.desk;

import io.helidon.webserver.http.HttpService;
import org.parley.moderation.Moderation;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.webhooks.Webhooks;

/**
 * The desk's door: the moderators' dashboard under {@code /admin}, server-rendered pages (JTE) over what
 * moderation holds: the queues worked from the keyboard, each case with why it is there, the actions and
 * sanctions, the rules and word list of each site, the audit log with its exports, and each site's webhooks. Signed in through
 * staff; what a moderator may see and do is decided by moderation, the pages only offer what it allows.
 */
public final class Desk {

    private final Moderation moderation;
    private final Staff staff;
    private final Sites sites;
    private final Webhooks webhooks;

    private Desk(Moderation moderation, Staff staff, Sites sites, Webhooks webhooks) {
        this.moderation = moderation;
        this.staff = staff;
        this.sites = sites;
        this.webhooks = webhooks;
    }

    /** The dashboard over {@code moderation}, with each site's {@code webhooks} for its admins. */
    public static Desk create(Moderation moderation, Staff staff, Sites sites, Webhooks webhooks) {
        return new Desk(moderation, staff, sites, webhooks);
    }

    /** The dashboard's pages, forms and assets; mount at the root (they live under {@code /admin}). */
    public HttpService routes() {
        return new DashboardRoutes(moderation, staff, sites, webhooks);
    }
}
