package org.parley.web;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.List;
import org.parley.comments.Comments;
import org.parley.identity.Identity;
import org.parley.imports.Imports;
import org.parley.live.EventBus;
import org.parley.logins.Logins;
import org.parley.mail.Mail;
import org.parley.moderation.Moderation;
import org.parley.notify.Notify;
import org.parley.privacy.DataHolders;
import org.parley.privacy.Privacy;
import org.parley.webhooks.Webhooks;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.store.Database;

/**
 * What readers who sign in use, wired together: outgoing email, the ways of signing in (whose links go out by
 * email), the emails that tell readers of replies and decisions, and a reader's own data.
 */
record ReaderServices(Mail mail, Logins logins, Notify notices, Privacy privacy) implements AutoCloseable {

    static ReaderServices create(Database db, Clock clock, ParleyConfig config, EventBus bus, Sites sites, Identity identity,
                                 Comments comments, Staff staff, Moderation moderation, Webhooks webhooks) {
        Mail mail = Mail.create(db, clock, config.mail(), config.server().publicUrl());
        Logins logins = Logins.create(db, clock, sites, identity, mail, config.server().publicUrl());
        Notify notify = Notify.create(db, clock, bus, sites, identity, comments, mail, staff, moderation, config.server().publicUrl());
        return new ReaderServices(mail, logins, notify, Privacy.create(clock, sites, identity, comments, new DataHolders(notify, logins, webhooks,
                Imports.create(db, clock, sites, identity, comments, moderation)), staff, moderation));
    }

    /** Their pages, to mount at the root: admins acting on a reader's request. */
    List<HttpService> pages() {
        return List.of(privacy.adminRoutes());
    }

    /** {@code others}, then their routes: the API to mount under {@code /api/v1}. */
    List<HttpService> routesWith(HttpService... others) {
        List<HttpService> all = new java.util.ArrayList<>(List.of(others));
        all.addAll(List.of(logins.routes(), logins.passkeyRoutes(), mail.routes(), privacy.routes(), notices.routes()));
        return all;
    }

    /** Stops telling and sending (what is queued stays queued for the next start). */
    @Override
    public void close() {
        notices.close();
        mail.close();
    }
}
