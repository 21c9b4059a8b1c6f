package org.parley.desk;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.parley.http.EncodedBody;
import org.parley.http.Form;
import org.parley.http.FormBodies;
import org.parley.http.Responses;
import org.parley.imports.Imports;
import org.parley.moderation.Moderation;
import org.parley.sites.Sites;
import org.parley.staff.Session;
import org.parley.staff.Staff;
import org.parley.webhooks.Webhooks;

/**
 * The moderators' dashboard under {@code /admin}: server-rendered pages (JTE) and their forms, plus the
 * dashboard's own stylesheet and script. Every page needs a staff session (without one, a GET is sent
 * to the login page and back); every form post also needs the same origin and the session's CSRF token.
 * What a moderator may see and do is decided by the door; the pages only offer what it would allow.
 */
final class DashboardRoutes implements HttpService {

    /** A bulk action names at most 200 comments (about 5 KiB) and a reason of 2,000 characters, percent-encoded. */
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final Staff staff;
    private final FormBodies forms = new FormBodies(MAX_FORM_BYTES);
    private final FormBodies wordForms = new FormBodies(DashboardWordsPages.MAX_FORM_BYTES);
    private final DashboardQueuePages queues;
    private final DashboardCasePages cases;
    private final DashboardAuditPages audit;
    private final DashboardRulesPages rules;
    private final DashboardWordsPages words;
    private final DashboardWebhookPages hooks;
    private final DashboardSiteExport export;
    private final EncodedBody css = asset("web/admin/admin.css", "text/css; charset=utf-8");
    private final EncodedBody js = asset("web/admin/admin.js", "text/javascript; charset=utf-8");

    DashboardRoutes(Moderation moderation, Staff staff, Sites sites, Webhooks webhooks, Imports imports) {
        this.staff = staff;
        DashboardTemplates templates = new DashboardTemplates();
        this.queues = new DashboardQueuePages(moderation, sites, templates);
        this.cases = new DashboardCasePages(moderation, templates);
        this.audit = new DashboardAuditPages(moderation, sites, templates);
        this.rules = new DashboardRulesPages(moderation, sites, templates);
        this.words = new DashboardWordsPages(moderation, sites, templates);
        this.hooks = new DashboardWebhookPages(webhooks, sites, templates);
        this.export = new DashboardSiteExport(imports, sites);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/assets/admin.css", (req, res) -> Responses.send(req, res, css, "public, max-age=300"))
                .get("/admin/assets/admin.js", (req, res) -> Responses.send(req, res, js, "public, max-age=300"))
                .get("/admin", page(queues::overview))
                .get("/admin/queue", page(queues::queue))
                .post("/admin/queue/bulk", form(queues::bulk))
                .get("/admin/comments/{id}", page(cases::show))
                .post("/admin/comments/{id}/approve", form(cases::approve))
                .post("/admin/comments/{id}/reject", form(cases::reject))
                .post("/admin/comments/{id}/feature", form((req, res, session, form) -> cases.feature(req, res, session, form, true)))
                .post("/admin/comments/{id}/unfeature", form((req, res, session, form) -> cases.feature(req, res, session, form, false)))
                .post("/admin/comments/{id}/warn", form(cases::warn))
                .post("/admin/comments/{id}/remove-image", form(cases::removeImage))
                .post("/admin/comments/{id}/suspend", form(cases::suspend))
                .post("/admin/comments/{id}/ban", form(cases::ban))
                .post("/admin/comments/{id}/badges", form(cases::badges))
                .post("/admin/sanctions/{id}/lift", form(cases::lift))
                .get("/admin/audit", page(audit::page))
                .get("/admin/audit.csv", page(audit::csv))
                .get("/admin/audit.json", page(audit::json))
                .get("/admin/sites/{site}/rules", page(this.rules::show))
                .post("/admin/sites/{site}/rules", form(this.rules::save))
                .get("/admin/sites/{site}/words", page(this.words::show))
                .post("/admin/sites/{site}/words", form(wordForms, this.words::save))
                .get("/admin/sites/{site}/webhooks", page(hooks::show))
                .post("/admin/sites/{site}/webhooks", form(hooks::add))
                .post("/admin/sites/{site}/webhooks/{id}/test", form(hooks::test))
                .post("/admin/sites/{site}/webhooks/{id}/rotate", form(hooks::rotate))
                .post("/admin/sites/{site}/webhooks/{id}/enable", form((req, res, session, form) -> hooks.enable(req, res, session, form, true)))
                .post("/admin/sites/{site}/webhooks/{id}/disable", form((req, res, session, form) -> hooks.enable(req, res, session, form, false)))
                .post("/admin/sites/{site}/webhooks/{id}/delete", form(hooks::delete))
                .get("/admin/sites/{site}/export", page(export::download));
    }

    /** A page handler, called only with a live session. */
    @FunctionalInterface
    private interface PageHandler {
        void handle(ServerRequest req, ServerResponse res, Session session);
    }

    /** A form handler, called only with a live session, from our own origin, with the session's CSRF token. */
    @FunctionalInterface
    private interface FormHandler {
        void handle(ServerRequest req, ServerResponse res, Session session, Form form);
    }

    // GET without a session → 303 to the login page, which returns here afterwards.
    private Handler page(PageHandler handler) {
        return (req, res) -> {
            Optional<Session> session = staff.session(req);
            if (session.isEmpty()) {
                String query = req.query().rawValue();
                DashboardTemplates.redirect(res, staff.loginLocation(req.path().rawPath() + (query.isEmpty() ? "" : "?" + query)));
                return;
            }
            handler.handle(req, res, session.get());
        };
    }

    // POST: 401 without a session, 403 cross-origin or without the session's CSRF token; the body is read only then.
    private Handler form(FormHandler handler) {
        return form(forms, handler);
    }

    private Handler form(FormBodies bodies, FormHandler handler) {
        return (req, res) -> {
            Session session = staff.requireSession(req);
            staff.requireSameOrigin(req);
            Form form = bodies.read(req);
            staff.requireCsrf(session, form.optional("csrf").orElse(""));
            handler.handle(req, res, session, form);
        };
    }

    private static EncodedBody asset(String resource, String contentType) {
        try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " in the Parley jar");
            }
            return EncodedBody.of(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
