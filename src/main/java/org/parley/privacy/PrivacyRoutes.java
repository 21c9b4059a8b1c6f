package org.parley.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.parley.http.Json;
import org.parley.http.JsonBudget;
import org.parley.http.JsonFields;
import org.parley.http.ParleyException;
import org.parley.http.RequestBodies;
import org.parley.http.RequestProblem;
import org.parley.http.Requests;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.sites.Sites;

/** HTTP for a reader's own data, mounted under {@code /api/v1}. */
final class PrivacyRoutes implements HttpService {

    private final Privacy privacy;
    private final Sites sites;
    private final Identity identity;
    private final ObjectMapper json = Json.mapper();
    private final RequestBodies tokens = new RequestBodies(json, JsonBudget.forTexts(200));

    PrivacyRoutes(Privacy privacy, Sites sites, Identity identity) {
        this.privacy = privacy;
        this.sites = sites;
        this.identity = identity;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/sites/{site}/me/data", this::export)
                .delete("/sites/{site}/me", this::leave)
                .post("/sites/{site}/me/guest-comments", this::claim);
    }

    private ReaderId reader(ServerRequest req) {
        sites.require(req.path().pathParameters().get("site"));
        return identity.requireReader(Requests.bearer(req));
    }

    // GET /sites/{site}/me/data → 200 the reader's data as a JSON download
    private void export(ServerRequest req, ServerResponse res) {
        ReaderId reader = reader(req);
        sendData(res, reader, privacy.export(reader));
    }

    static void sendData(ServerResponse res, ReaderId reader, Map<String, Object> data) {
        res.header("Content-Type", "application/json")
                .header("Content-Disposition", "attachment; filename=\"parley-data-" + reader.value() + ".json\"")
                .header("Cache-Control", "private, no-store")
                .send(Json.bytes(Json.mapper(), data));
    }

    // DELETE /sites/{site}/me?comments=remove|keep → 200 {comments}: the reader leaves
    private void leave(ServerRequest req, ServerResponse res) {
        ReaderId reader = reader(req);
        LeaveMode mode = mode(Requests.requiredQuery(req, "comments").toLowerCase(Locale.ROOT));
        sendLeft(res, mode, privacy.leave(reader, mode));
    }

    static void sendLeft(ServerResponse res, LeaveMode mode, int comments) {
        res.header("Content-Type", "application/json").header("Cache-Control", "no-store")
                .send(Json.bytes(Json.mapper(), Map.of(mode == LeaveMode.REMOVE ? "removed" : "kept", comments)));
    }

    static LeaveMode mode(String choice) {
        return switch (choice) {
            case "remove" -> LeaveMode.REMOVE;
            case "keep" -> LeaveMode.KEEP;
            default -> throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                    "'comments' must be 'remove' (delete them) or 'keep' (leave them signed 'deleted user'), was '" + choice + "'.");
        };
    }

    // POST /sites/{site}/me/guest-comments {guestToken} → 200 {moved}: this browser's guest comments join the account
    private void claim(ServerRequest req, ServerResponse res) {
        ReaderId reader = reader(req);
        JsonFields fields = new JsonFields(tokens.object(req), Set.of("guestToken"));
        String guestToken = fields.requiredString("guestToken");
        fields.done();
        int moved = privacy.claimGuestComments(reader, guestToken);
        res.status(Status.OK_200).header("Content-Type", "application/json").header("Cache-Control", "no-store")
                .send(Json.bytes(json, Map.of("moved", moved)));
    }
}
