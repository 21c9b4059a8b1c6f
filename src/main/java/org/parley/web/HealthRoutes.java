package org.parley.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.parley.abuse.Abuse;
import org.parley.http.Json;
import org.parley.store.Database;
import org.parley.store.HealthCheck;

/**
 * Health endpoints for load balancers and orchestrators, never cached.
 * <ul>
 *   <li>{@code GET /health/live}: 200 {@code {"status":"UP"}} whenever the process answers at all. It asks
 *   nothing else, so a database outage never gets a server restarted that would serve again once the
 *   database is back.</li>
 *   <li>{@code GET /health/ready}: whether Parley can do its work: the database answers within
 *   {@link #DATABASE_TIMEOUT} with every migration applied, and the abuse model is loaded. 200 when all
 *   are, else 503 with {@code Retry-After}; either way each check is named with its status, and a check
 *   that is down says why (without hosts, files or stack traces: the endpoint is public).</li>
 * </ul>
 * {@code curl -i localhost:8080/health/ready}
 */
final class HealthRoutes implements HttpService {

    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);
    static final String ABUSE_MODEL = "abuseModel";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final Database db;
    private final Abuse abuse;
    private final ObjectMapper json = Json.mapper();

    HealthRoutes(Database db, Abuse abuse) {
        this.db = db;
        this.abuse = abuse;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health/live", (req, res) -> send(res, 200, json.createObjectNode().put("status", "UP")))
                .get("/health/ready", this::ready);
    }

    private void ready(ServerRequest req, ServerResponse res) {
        List<HealthCheck> checks = new ArrayList<>(db.readiness(DATABASE_TIMEOUT));
        checks.add(abuse.modelLoaded() ? HealthCheck.passed(ABUSE_MODEL) : HealthCheck.failed(ABUSE_MODEL, "the model does not answer"));
        boolean ready = checks.stream().allMatch(HealthCheck::ready);
        ObjectNode body = json.createObjectNode().put("status", ready ? "UP" : "DOWN");
        ObjectNode parts = body.putObject("checks");
        for (HealthCheck check : checks) {
            ObjectNode part = parts.putObject(check.name()).put("status", check.ready() ? "UP" : "DOWN");
            check.problem().ifPresent(problem -> part.put("detail", problem));
        }
        ObjectNode model = (ObjectNode) parts.get(ABUSE_MODEL);
        model.put("scoring", abuse.fastOnlyBecause().isPresent() ? "fast model alone" : "fast model and sentence encoder");
        abuse.fastOnlyBecause().ifPresent(why -> model.put("detail", "the sentence encoder is not used: " + why));
        if (!ready) {
            res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        send(res, ready ? 200 : 503, body);
    }

    private void send(ServerResponse res, int status, ObjectNode body) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(Json.bytes(json, body));
    }
}
