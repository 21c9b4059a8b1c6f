package org.parley.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.http.Json;
import org.parley.http.JsonFields;
import org.parley.http.ParleyException;
import org.parley.http.RequestBodies;
import org.parley.sites.SiteId;
import org.parley.sites.SiteProblem;
import org.parley.staff.Staff;
import org.parley.staff.StaffUser;

/**
 * The webhooks JSON API under {@code /api/v1}, for site admins signed in to the dashboard (its session
 * cookie). Reads need the session; changes also need the request to come from Parley's own origin, as
 * the dashboard's forms do, so another site's page cannot drive a signed-in admin's browser.
 */
final class WebhookRoutes implements HttpService {

    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_EVENTS = 20;

    private final Webhooks webhooks;
    private final Staff staff;
    private final ObjectMapper json = Json.mapper();
    private final RequestBodies bodies = new RequestBodies(json, MAX_BODY_BYTES);

    WebhookRoutes(Webhooks webhooks, Staff staff) {
        this.webhooks = webhooks;
        this.staff = staff;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/sites/{site}/webhooks", this::list)
                .post("/sites/{site}/webhooks", this::add)
                .patch("/sites/{site}/webhooks/{id}", this::change)
                .delete("/sites/{site}/webhooks/{id}", this::delete)
                .post("/sites/{site}/webhooks/{id}/rotate", this::rotate)
                .post("/sites/{site}/webhooks/{id}/test", this::test)
                .get("/sites/{site}/webhooks/{id}/deliveries", this::deliveries);
    }

    // GET /sites/{site}/webhooks → 200 {endpoints: [...]}
    private void list(ServerRequest req, ServerResponse res) {
        StaffUser who = staff.requireSession(req).user();
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("endpoints");
        webhooks.endpoints(who, site(req)).forEach(e -> list.add(endpoint(e)));
        send(res, Status.OK_200, body);
    }

    // POST /sites/{site}/webhooks {url, description?, events} → 201 {endpoint…, secret}
    private void add(ServerRequest req, ServerResponse res) {
        StaffUser who = changer(req);
        SiteId site = site(req);
        ObjectNode raw = bodies.object(req);
        JsonFields fields = new JsonFields(raw, Set.of("url", "description", "events"));
        String url = fields.requiredString("url");
        Optional<String> description = fields.optionalString("description");
        List<String> events = strings(raw.get("events"), fields);
        fields.done();
        CreatedEndpoint created = webhooks.add(who, site, new NewEndpoint(url, description.orElse(""), events));
        res.header(HeaderNames.LOCATION, "/api/v1/sites/" + site + "/webhooks/" + created.endpoint().id());
        send(res, Status.CREATED_201, endpoint(created.endpoint()).put("secret", created.secret()));
    }

    // PATCH /sites/{site}/webhooks/{id} {enabled} → 200 endpoint
    private void change(ServerRequest req, ServerResponse res) {
        StaffUser who = changer(req);
        SiteId site = site(req);
        JsonFields fields = new JsonFields(bodies.object(req), Set.of("enabled"));
        Optional<Boolean> enabled = fields.optionalBoolean("enabled");
        if (enabled.isEmpty() && !fields.hasError("enabled")) {
            fields.reject("enabled", "is required");
        }
        fields.done();
        send(res, Status.OK_200, endpoint(webhooks.setEnabled(who, site, id(req), enabled.orElseThrow())));
    }

    // DELETE /sites/{site}/webhooks/{id} → 204
    private void delete(ServerRequest req, ServerResponse res) {
        webhooks.delete(changer(req), site(req), id(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    // POST /sites/{site}/webhooks/{id}/rotate → 200 {endpoint…, secret}
    private void rotate(ServerRequest req, ServerResponse res) {
        CreatedEndpoint rotated = webhooks.rotate(changer(req), site(req), id(req));
        send(res, Status.OK_200, endpoint(rotated.endpoint()).put("secret", rotated.secret()));
    }

    // POST /sites/{site}/webhooks/{id}/test → 200 delivery (whether or not the endpoint accepted it)
    private void test(ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, delivery(webhooks.sendTest(changer(req), site(req), id(req))));
    }

    // GET /sites/{site}/webhooks/{id}/deliveries?limit= → 200 {deliveries: [...]}, newest first
    private void deliveries(ServerRequest req, ServerResponse res) {
        StaffUser who = staff.requireSession(req).user();
        int limit = limit(req);
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("deliveries");
        webhooks.deliveries(who, site(req), Optional.of(id(req)), limit).forEach(d -> list.add(delivery(d)));
        send(res, Status.OK_200, body);
    }

    private StaffUser changer(ServerRequest req) {
        StaffUser who = staff.requireSession(req).user();
        staff.requireSameOrigin(req);
        return who;
    }

    private static SiteId site(ServerRequest req) {
        String raw = req.path().pathParameters().get("site");
        if (!SiteId.isValid(raw)) {
            throw new ParleyException.NotFound(SiteProblem.UNKNOWN_SITE, "There is no site '" + raw + "'.");
        }
        return new SiteId(raw);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static int limit(ServerRequest req) {
        String raw = req.query().first("limit").orElse("50");
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= Webhooks.MAX_LOG_ROWS) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ParleyException.InvalidInput(org.parley.http.RequestProblem.INVALID_PARAMETER,
                "limit must be an integer from 1 to " + Webhooks.MAX_LOG_ROWS + ", not '" + raw + "'.");
    }

    /** The strings of an array field; mistakes go to {@code fields}. */
    private static List<String> strings(JsonNode node, JsonFields fields) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            fields.reject("events", "is required: an array of event types");
        } else if (!node.isArray() || node.size() > MAX_EVENTS) {
            fields.reject("events", "must be an array of at most " + MAX_EVENTS + " event type names");
        } else {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isTextual()) {
                    out.add(node.get(i).textValue());
                } else {
                    fields.reject("events[" + i + "]", "must be a string such as comment.created");
                }
            }
        }
        return out;
    }

    private ObjectNode endpoint(Endpoint e) {
        ObjectNode node = json.createObjectNode().put("id", e.id()).put("site", e.site().value()).put("url", e.url().toString())
                .put("description", e.description()).put("enabled", e.enabled())
                .put("createdAt", e.createdAt().toString()).put("createdBy", e.createdBy());
        ArrayNode events = node.putArray("events");
        e.events().stream().map(EventType::apiName).sorted().forEach(events::add);
        return node;
    }

    private ObjectNode delivery(Delivery d) {
        ObjectNode node = json.createObjectNode().put("messageId", d.messageId()).put("endpointId", d.endpointId())
                .put("type", d.type().apiName()).put("attempt", d.attempt()).put("at", d.at().toString())
                .put("delivered", d.delivered()).put("durationMillis", d.durationMillis());
        node.put("statusCode", d.statusCode().orElse(null));
        node.put("error", d.error().orElse(null));
        node.put("nextAttemptAt", d.nextAttemptAt().map(Instant::toString).orElse(null));
        return node;
    }

    private void send(ServerResponse res, Status status, ObjectNode body) {
        res.status(status)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(Json.bytes(json, body));
    }
}
