package org.parley.desk;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.http.Form;
import org.parley.http.ParleyException;
import org.parley.sites.Site;
import org.parley.sites.Sites;
import org.parley.staff.Session;
import org.parley.webhooks.CreatedEndpoint;
import org.parley.webhooks.Delivery;
import org.parley.webhooks.EventType;
import org.parley.webhooks.NewEndpoint;
import org.parley.webhooks.Webhooks;

/**
 * A site's webhooks for its admins: the endpoints with their actions (send a test, rotate the secret,
 * disable or enable, delete), a form to add one, and the recent delivery log. A new secret is shown on
 * the page that answers the form that made it, once; everything else redirects back with a note.
 */
final class DashboardWebhookPages {

    private static final int LOG_ROWS = 50;
    private static final Map<String, String> DONE = Map.of(
            "enabled", "Enabled: the endpoint receives events again.",
            "disabled", "Disabled: the endpoint receives nothing until enabled; messages waiting for it are dropped.",
            "deleted", "Deleted the endpoint with its delivery log.");

    private final Webhooks webhooks;
    private final Sites sites;
    private final DashboardTemplates templates;

    DashboardWebhookPages(Webhooks webhooks, Sites sites, DashboardTemplates templates) {
        this.webhooks = webhooks;
        this.sites = sites;
        this.templates = templates;
    }

    // GET /admin/sites/{site}/webhooks[?done=…] → endpoints, add form, delivery log; 403 for all but the site's admins
    void show(ServerRequest req, ServerResponse res, Session session) {
        render(res, session, Status.OK_200, site(req), Outcome.done(DONE.getOrDefault(req.query().first("done").orElse(""), "")));
    }

    // POST /admin/sites/{site}/webhooks (csrf, url, description, events…) → the page with the new secret; 422 with every mistake
    void add(ServerRequest req, ServerResponse res, Session session, Form form) {
        Site site = site(req);
        NewEndpoint draft = new NewEndpoint(form.optional("url").orElse(""), form.optional("description").orElse(""),
                Arrays.stream(EventType.values()).filter(EventType::subscribable).map(EventType::apiName)
                        .filter(name -> form.optional("event." + name).isPresent()).toList());
        try {
            CreatedEndpoint created = webhooks.add(session.user(), site.id(), draft);
            render(res, session, Status.OK_200, site, Outcome.secret(created));
        } catch (ParleyException.InvalidInput e) {
            List<String> mistakes = e.errors().isEmpty() ? List.of(e.detail())
                    : e.errors().stream().map(error -> error.field() + " " + error.message()).toList();
            render(res, session, Status.UNPROCESSABLE_CONTENT_422, site, new Outcome("", "", Optional.empty(), mistakes, Optional.of(draft)));
        }
    }

    // POST /admin/sites/{site}/webhooks/{id}/rotate → the page with the new secret
    void rotate(ServerRequest req, ServerResponse res, Session session, Form form) {
        Site site = site(req);
        render(res, session, Status.OK_200, site, Outcome.secret(webhooks.rotate(session.user(), site.id(), id(req))));
    }

    // POST /admin/sites/{site}/webhooks/{id}/enable|disable → 303 back
    void enable(ServerRequest req, ServerResponse res, Session session, Form form, boolean enabled) {
        Site site = site(req);
        webhooks.setEnabled(session.user(), site.id(), id(req), enabled);
        DashboardTemplates.redirect(res, "/admin/sites/" + site.id() + "/webhooks?done=" + (enabled ? "enabled" : "disabled"));
    }

    // POST /admin/sites/{site}/webhooks/{id}/delete → 303 back
    void delete(ServerRequest req, ServerResponse res, Session session, Form form) {
        Site site = site(req);
        webhooks.delete(session.user(), site.id(), id(req));
        DashboardTemplates.redirect(res, "/admin/sites/" + site.id() + "/webhooks?done=deleted");
    }

    // POST /admin/sites/{site}/webhooks/{id}/test → the page with the test's outcome
    void test(ServerRequest req, ServerResponse res, Session session, Form form) {
        Site site = site(req);
        Delivery sent = webhooks.sendTest(session.user(), site.id(), id(req));
        String result = sent.delivered() ? "The test message was delivered: HTTP " + sent.statusCode().orElseThrow() + " in "
                + sent.durationMillis() + " ms." : "The test message was not delivered: " + sent.error().orElse("no answer") + ".";
        render(res, session, Status.OK_200, site, Outcome.done(result));
    }

    /** What the page reports besides its lists: a note, a secret shown once, mistakes in the add form and what was typed. */
    record Outcome(String done, String secret, Optional<String> secretUrl, List<String> mistakes, Optional<NewEndpoint> typed) {
        static Outcome done(String note) {
            return new Outcome(note, "", Optional.empty(), List.of(), Optional.empty());
        }

        static Outcome secret(CreatedEndpoint created) {
            return new Outcome("", created.secret(), Optional.of(created.endpoint().url().toString()), List.of(), Optional.empty());
        }
    }

    private void render(ServerResponse res, Session session, Status status, Site site, Outcome outcome) {
        Map<String, Object> params = DashboardTemplates.params(session);
        params.put("site", site);
        params.put("endpoints", webhooks.endpoints(session.user(), site.id()));
        params.put("deliveries", webhooks.deliveries(session.user(), site.id(), Optional.empty(), LOG_ROWS));
        params.put("eventTypes", Arrays.stream(EventType.values()).filter(EventType::subscribable).toList());
        params.put("done", outcome.done());
        params.put("secret", outcome.secret());
        params.put("secretUrl", outcome.secretUrl().orElse(""));
        params.put("mistakes", outcome.mistakes());
        params.put("typedUrl", outcome.typed().map(NewEndpoint::url).orElse(""));
        params.put("typedDescription", outcome.typed().map(NewEndpoint::description).orElse(""));
        params.put("typedEvents", outcome.typed().map(NewEndpoint::events).orElse(List.of("comment.created")));
        templates.send(res, status, "webhooks", params);
    }

    private Site site(ServerRequest req) {
        return sites.require(req.path().pathParameters().get("site"));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
