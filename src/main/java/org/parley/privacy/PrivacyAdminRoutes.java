package org.parley.privacy;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.http.Requests;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.staff.StaffUser;

/**
 * HTTP for admins acting on a reader's request, mounted at the root under {@code /admin}: the dashboard's session
 * cookie is sent only there.
 */
final class PrivacyAdminRoutes implements HttpService {

    private final Privacy privacy;
    private final Sites sites;
    private final Staff staff;

    PrivacyAdminRoutes(Privacy privacy, Sites sites, Staff staff) {
        this.privacy = privacy;
        this.sites = sites;
        this.staff = staff;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/sites/{site}/readers/{reader}/data", this::exportFor)
                .delete("/admin/sites/{site}/readers/{reader}", this::leaveFor);
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

    // GET /admin/sites/{site}/readers/{reader}/data?reason=… (staff session, admins) → 200 the reader's data, audited
    private void exportFor(ServerRequest req, ServerResponse res) {
        ActingFor acting = actingFor(req);
        PrivacyRoutes.sendData(res, acting.reader(), privacy.exportFor(acting.admin(), acting.site(), acting.reader(), acting.reason()));
    }

    // DELETE /admin/sites/{site}/readers/{reader}?comments=remove|keep&reason=… (staff session, admins, same origin) → 200, audited
    private void leaveFor(ServerRequest req, ServerResponse res) {
        ActingFor acting = actingFor(req);
        staff.requireSameOrigin(req);
        LeaveMode mode = PrivacyRoutes.mode(Requests.requiredQuery(req, "comments").toLowerCase(Locale.ROOT));
        PrivacyRoutes.sendLeft(res, mode, privacy.leaveFor(acting.admin(), acting.site(), acting.reader(), mode, acting.reason()));
    }
}
