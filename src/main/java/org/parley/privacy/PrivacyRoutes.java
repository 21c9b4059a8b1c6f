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
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.staff.StaffUser;

/** HTTP for a reader's own data, mounted under {@code /api/v1}. */
final class PrivacyRoutes implements HttpService {

    private final Privacy privacy;
    private final Sites sites;
    private final Identity identity;
    private final Staff staff;
    private final ObjectMapper json = Json.mapper();
    private final RequestBodies tokens = new RequestBodies(json, JsonBudget.forTexts(200));

    PrivacyRoutes(Privacy privacy, Sites sites, Identity identity, Staff staff) {
        this.privacy = privacy;
        this.sites = sites;
        this.identity = identity;
        this.staff = staff;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/sites/{site}/me/data", this::export)
                .delete("/sites/{site}/me", this::leave)
                .post("/sites/{site}/me/guest-comments", this::claim)
                .get("/sites/{site}/readers/{reader}/data", this::exportFor)
                .delete("/sites/{site}/readers/{reader}", this::leaveFor);
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

    private void sendData(ServerResponse res, ReaderId reader, Map<String, Object> data) {
        res.header("Content-Type", "application/json")
                .header("Content-Disposition", "attachment; filename=\"parley-data-" + reader.value() + ".json\"")
                .header("Cache-Control", "private, no-store")
                .send(Json.bytes(json, data));
    }

    // DELETE /sites/{site}/me?comments=remove|keep → 200 {comments}: the reader leaves
    private void leave(ServerRequest req, ServerResponse res) {
        ReaderId reader = reader(req);
        LeaveMode mode = mode(Requests.requiredQuery(req, "comments").toLowerCase(Locale.ROOT));
        sendLeft(res, mode, privacy.leave(reader, mode));
    }

    private void sendLeft(ServerResponse res, LeaveMode mode, int comments) {
        res.header("Content-Type", "application/json").header("Cache-Control", "no-store")
                .send(Json.bytes(json, Map.of(mode == LeaveMode.REMOVE ? "removed" : "kept", comments)));
    }

    private static LeaveMode mode(String choice) {
        return switch (choice) {
            case "remove" -> LeaveMode.REMOVE;
            case "keep" -> LeaveMode.KEEP;
            default -> throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                    "'comments' must be 'remove' (delete them) or 'keep' (leave them signed 'deleted user'), was '" + choice + "'.");
        };
    }

    /** The reader an admin acts for: an id from the path, and the reason the audit log keeps (the reader's request). */
    private record ActingFor(StaffUser admin, SiteId site, ReaderId reader, String reason) {
    }

    private ActingFor actingFor(ServerRequest req) {
        StaffUser admin = staff.requireSession(req).user();
        SiteId site = sites.require(req.path().pathParameters().get("site")).id();
        String raw = req.path().pathParameters().get("reader");
        ReaderId reader;
        try {
            reader = new ReaderId(raw);
        } catch (IllegalArgumentException e) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER, "'" + raw + "' is not a reader id (g_… or a_…).");
        }
        String reason = Requests.requiredQuery(req, "reason").strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER, "'reason' (the reader's request) must be 1-500 characters.");
        }
        return new ActingFor(admin, site, reader, reason);
    }

    // GET /sites/{site}/readers/{reader}/data?reason=… (staff session, admins) → 200 the reader's data, audited
    private void exportFor(ServerRequest req, ServerResponse res) {
        ActingFor acting = actingFor(req);
        sendData(res, acting.reader(), privacy.exportFor(acting.admin(), acting.site(), acting.reader(), acting.reason()));
    }

    // DELETE /sites/{site}/readers/{reader}?comments=remove|keep&reason=… (staff session, admins, same origin) → 200, audited
    private void leaveFor(ServerRequest req, ServerResponse res) {
        ActingFor acting = actingFor(req);
        staff.requireSameOrigin(req);
        LeaveMode mode = mode(Requests.requiredQuery(req, "comments").toLowerCase(Locale.ROOT));
        sendLeft(res, mode, privacy.leaveFor(acting.admin(), acting.site(), acting.reader(), mode, acting.reason()));
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
