package org.parley.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Set;
import org.parley.http.JsonBudget;
import org.parley.http.JsonFields;
import org.parley.http.RequestBodies;
import org.parley.http.Requests;
import org.parley.http.ClientAddress;
import org.parley.http.Json;
import org.parley.sites.Sites;

/** HTTP for identity, mounted under {@code /api/v1}. */
final class IdentityRoutes implements HttpService {

    private final Identity identity;
    private final Sites sites;
    private final ObjectMapper json = Json.mapper();
    private final RequestBodies names = new RequestBodies(json, JsonBudget.forTexts(200));

    IdentityRoutes(Identity identity, Sites sites) {
        this.identity = identity;
        this.sites = sites;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/sites/{site}/guests", this::createGuest)
                .get("/sites/{site}/me", this::me)
                .patch("/sites/{site}/me", this::rename)
                .post("/sites/{site}/me/browser", this::browser)
                .delete("/sites/{site}/sessions/current", this::signOut)
                .delete("/sites/{site}/sessions", this::signOutEverywhere);
    }

    // GET /sites/{site}/me → {kind: guest|account, id, name?, email?, emailVerified?, badges?}: who the bearer token is
    private void me(ServerRequest req, ServerResponse res) {
        sites.require(req.path().pathParameters().get("site"));
        ReaderId reader = identity.requireReader(Requests.bearer(req));
        Map<String, Object> out = identity.account(reader).map(Account::ownView)
                .orElseGet(() -> Map.of("kind", "guest", "id", reader.value()));
        res.header("Content-Type", "application/json").header("Cache-Control", "private, no-store").send(Json.bytes(json, out));
    }

    // PATCH /sites/{site}/me {name} → 200 account: a signed-in reader changes their name
    private void rename(ServerRequest req, ServerResponse res) {
        sites.require(req.path().pathParameters().get("site"));
        ReaderId reader = identity.requireReader(Requests.bearer(req));
        JsonFields fields = new JsonFields(names.object(req), Set.of("name"));
        String name = fields.requiredString("name");
        fields.done();
        res.header("Content-Type", "application/json").header("Cache-Control", "no-store")
                .send(Json.bytes(json, identity.rename(reader, name).ownView()));
    }

    // POST /sites/{site}/me/browser {guestToken} → 204: the signed-in reader uses the browser that guest lives in
    private void browser(ServerRequest req, ServerResponse res) {
        sites.require(req.path().pathParameters().get("site"));
        ReaderId reader = identity.requireReader(Requests.bearer(req));
        JsonFields fields = new JsonFields(names.object(req), Set.of("guestToken"));
        String guestToken = fields.requiredString("guestToken");
        fields.done();
        identity.signedInFrom(reader, guestToken);
        res.status(Status.NO_CONTENT_204).send();
    }

    // DELETE /sites/{site}/sessions/current → 204: signs out the session whose token is the bearer token
    private void signOut(ServerRequest req, ServerResponse res) {
        sites.require(req.path().pathParameters().get("site"));
        identity.requireReader(Requests.bearer(req));
        identity.signOut(Requests.bearer(req).orElseThrow());
        res.status(Status.NO_CONTENT_204).send();
    }

    // DELETE /sites/{site}/sessions → 200 {ended}: signs the bearer token's reader out on every device
    private void signOutEverywhere(ServerRequest req, ServerResponse res) {
        sites.require(req.path().pathParameters().get("site"));
        ReaderId reader = identity.requireReader(Requests.bearer(req));
        int ended = identity.account(reader).isPresent() ? identity.signOutEverywhere(reader) : 0;
        res.header("Content-Type", "application/json").header("Cache-Control", "no-store")
                .send(Json.bytes(json, Map.of("ended", ended)));
    }

    // POST /sites/{site}/guests → 201 {id, token}: a new guest identity for the widget to keep; 429 too-many-guests.
    private void createGuest(ServerRequest req, ServerResponse res) {
        sites.require(req.path().pathParameters().get("site"));
        NewGuest guest = identity.createGuest(ClientAddress.of(req));
        res.status(Status.CREATED_201)
                .header("Content-Type", "application/json")
                .header("Cache-Control", "no-store")
                .send(Json.bytes(json, Map.of("id", guest.id().value(), "token", guest.token())));
    }
}
