package org.parley.moderation;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.parley.sites.Sites;
import org.parley.staff.Staff;

/** The moderators' dashboard under {@code /admin}: server-rendered pages (JTE) and their forms. */
final class DashboardRoutes implements HttpService {

    private final Moderation moderation;
    private final Staff staff;
    private final Sites sites;

    DashboardRoutes(Moderation moderation, Staff staff, Sites sites) {
        this.moderation = moderation;
        this.staff = staff;
        this.sites = sites;
    }

    @Override
    public void routing(HttpRules rules) {
        // The pages come with the dashboard work.
    }
}
