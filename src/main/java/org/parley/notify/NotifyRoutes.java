package org.parley.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Set;
import org.parley.comments.PageKey;
import org.parley.http.Json;
import org.parley.http.JsonFields;
import org.parley.http.ParleyException;
import org.parley.http.RequestBodies;
import org.parley.http.RequestProblem;
import org.parley.http.Requests;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;

/** HTTP for a reader's email settings, mounted under {@code /api/v1}. */
final class NotifyRoutes implements HttpService {

    private final Notify notify;
    private final Sites sites;
    private final Identity identity;
    private final ObjectMapper json = Json.mapper();
    private final RequestBodies bodies = new RequestBodies(json, 1024);

    NotifyRoutes(Notify notify, Sites sites, Identity identity) {
        this.notify = notify;
        this.sites = sites;
        this.identity = identity;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/sites/{site}/me/notifications", this::show)
                .put("/sites/{site}/me/notifications", this::save)
                .put("/sites/{site}/me/muted-pages", (req, res) -> mute(req, res, true))
                .delete("/sites/{site}/me/muted-pages", (req, res) -> mute(req, res, false));
    }

    private ReaderId reader(ServerRequest req) {
        sites.require(req.path().pathParameters().get("site"));
        return identity.requireReader(Requests.bearer(req));
    }

    // GET /sites/{site}/me/notifications → {replies, digest}
    private void show(ServerRequest req, ServerResponse res) {
        send(res, notify.settings(reader(req)));
    }

    // PUT /sites/{site}/me/notifications {replies, digest} → 200 {replies, digest}
    private void save(ServerRequest req, ServerResponse res) {
        ReaderId reader = reader(req);
        JsonFields fields = new JsonFields(bodies.object(req), Set.of("replies", "digest"));
        boolean replies = fields.optionalBoolean("replies").orElse(false);
        boolean digest = fields.optionalBoolean("digest").orElse(false);
        fields.done();
        send(res, notify.save(reader, new NotifySettings(replies, digest)));
    }

    // PUT|DELETE /sites/{site}/me/muted-pages?page=KEY → 204: no reply emails from that thread (or again)
    private void mute(ServerRequest req, ServerResponse res, boolean muted) {
        ReaderId reader = reader(req);
        String page = Requests.requiredQuery(req, "page");
        if (!PageKey.isValid(page)) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER, "'page' is not a page key.");
        }
        notify.mute(reader, new SiteId(req.path().pathParameters().get("site")), new PageKey(page), muted);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void send(ServerResponse res, NotifySettings settings) {
        res.header("Content-Type", "application/json").header("Cache-Control", "private, no-store")
                .send(Json.bytes(json, Map.of("replies", settings.replies(), "digest", settings.digest())));
    }
}
