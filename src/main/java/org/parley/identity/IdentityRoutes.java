package org.parley.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import org.parley.http.ClientAddress;
import org.parley.http.Json;
import org.parley.sites.Sites;

/** HTTP for identity, mounted under {@code /api/v1}. */
final class IdentityRoutes implements HttpService {

    private final Identity identity;
    private final Sites sites;
    private final ObjectMapper json = Json.mapper();

    IdentityRoutes(Identity identity, Sites sites) {
        this.identity = identity;
        this.sites = sites;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/sites/{site}/guests", this::createGuest);
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
