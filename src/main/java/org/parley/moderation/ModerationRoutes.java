package org.parley.moderation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.comments.CommentId;
import org.parley.comments.PageKey;
import org.parley.http.ClientAddress;
import org.parley.http.Json;
import org.parley.http.JsonBudget;
import org.parley.http.JsonFields;
import org.parley.http.ParleyException;
import org.parley.http.RequestBodies;
import org.parley.http.Requests;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.sites.SiteId;
import org.parley.sites.SiteProblem;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.staff.StaffUser;

/**
 * Moderation routes under {@code /api/v1}: readers report a comment and read their notices; moderators signed in to
 * the dashboard (its session cookie, and for changes Parley's own origin, as the dashboard's forms) ban a comment's author.
 */
final class ModerationRoutes implements HttpService {

    /** The longest report reason's name ({@code misinformation}); a longer one is refused anyway. */
    private static final int LONGEST_REASON = Arrays.stream(ReportReason.values()).mapToInt(r -> r.apiName().length()).max().orElseThrow();
    private static final List<String> OUTCOMES = List.of("edited", "posted-anyway");

    private final Moderation moderation;
    private final Identity identity;
    private final Sites sites;
    private final Staff staff;
    private final ObjectMapper json = Json.mapper();
    // Each body limit follows from the texts the body carries (see JsonBudget); the check before posting
    // takes a whole comment, so its limit is worked out per site, from what the site accepts.
    private final RequestBodies reports = new RequestBodies(json, JsonBudget.forTexts(LONGEST_REASON, Moderation.MAX_REPORT_NOTE));
    private final RequestBodies bans = new RequestBodies(json, JsonBudget.forTexts(Actions.MAX_MESSAGE));
    private final RequestBodies outcomes = new RequestBodies(json,
            JsonBudget.forTexts(OUTCOMES.stream().mapToInt(String::length).max().orElseThrow()));

    ModerationRoutes(Moderation moderation, Identity identity, Sites sites, Staff staff) {
        this.moderation = moderation;
        this.identity = identity;
        this.sites = sites;
        this.staff = staff;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/sites/{site}/comments/{id}/reports", this::report)
                .get("/sites/{site}/notices", this::notices)
                .post("/sites/{site}/assessments", this::assess)
                .post("/sites/{site}/nudges", this::nudge)
                .post("/sites/{site}/comments/{id}/ban", this::ban);
    }

    // POST /sites/{site}/comments/{id}/reports {reason, note?} → 201 {id, received: true}
    private void report(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        String rawId = req.path().pathParameters().get("id");
        ReaderId reporter = identity.requireReader(Requests.bearer(req));
        JsonFields fields = new JsonFields(reports.object(req), Set.of("reason", "note"));
        String reason = fields.requiredString("reason");
        Optional<String> note = fields.optionalString("note");
        Optional<ReportReason> parsed = ReportReason.parse(reason);
        if (!fields.hasError("reason") && parsed.isEmpty()) {
            fields.reject("reason", "must be one of abuse, hate, spam, off-topic, misinformation, other");
        }
        fields.done();
        if (!CommentId.isValid(rawId)) {
            throw new ParleyException.NotFound(org.parley.comments.CommentProblem.UNKNOWN_COMMENT, "There is no comment '" + rawId + "'.");
        }
        Report report = moderation.report(site, reporter, new CommentId(rawId), parsed.orElseThrow(), note, ClientAddress.of(req));
        ObjectNode body = json.createObjectNode().put("id", report.id()).put("received", true)
                .put("message", "Thank you. The moderators will look at this comment.");
        res.status(Status.CREATED_201).header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.bytes(json, body));
    }

    // GET /sites/{site}/notices → {notices: [{kind, message, since, until, section}]}: what moderators told this reader
    private void notices(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        ReaderId reader = identity.requireReader(Requests.bearer(req));
        ArrayNode notices = json.createArrayNode();
        for (Sanction sanction : moderation.notices(site, reader)) {
            ObjectNode notice = notices.addObject().put("kind", sanction.kind().apiName()).put("message", sanction.message())
                    .put("since", sanction.startsAt().toString());
            notice.put("until", sanction.endsAt().map(Object::toString).orElse(null));
            notice.put("section", sanction.section().orElse(null));
        }
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store").header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(Json.bytes(json, json.createObjectNode().set("notices", notices)));
    }

    // POST /sites/{site}/assessments {page, body} → {reconsider, probability, message, spans}: the check before posting
    private void assess(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        ReaderId writer = identity.requireReader(Requests.bearer(req));
        int longest = Moderation.longestAssessed(sites.require(site.value()));
        JsonFields fields = new JsonFields(new RequestBodies(json, JsonBudget.forTexts(PageKey.MAX_LENGTH, longest)).object(req),
                Set.of("page", "body"));
        String page = fields.requiredString("page");
        String body = fields.requiredString("body");
        if (!fields.hasError("page") && !PageKey.isValid(page)) {
            fields.reject("page", "is not a page key");
        }
        fields.done();
        Nudge nudge = moderation.assess(site, writer, new PageKey(page), body);
        ObjectNode out = json.createObjectNode().put("reconsider", nudge.reconsider()).put("probability", nudge.probability());
        out.put("message", nudge.reconsider() ? Nudge.MESSAGE : null);
        ArrayNode spans = out.putArray("spans");
        nudge.spans().forEach(span -> spans.addObject().put("start", span.start()).put("end", span.end()).put("text", span.text()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store").header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(Json.bytes(json, out));
    }

    // POST /sites/{site}/nudges {outcome: edited|posted-anyway} → 204: what a nudged writer did
    private void nudge(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        ReaderId writer = identity.requireReader(Requests.bearer(req));
        JsonFields fields = new JsonFields(outcomes.object(req), Set.of("outcome"));
        String outcome = fields.requiredString("outcome");
        if (!fields.hasError("outcome") && !OUTCOMES.contains(outcome)) {
            fields.reject("outcome", "must be edited or posted-anyway");
        }
        fields.done();
        moderation.nudgeOutcome(site, writer, outcome.equals("edited"));
        res.status(Status.NO_CONTENT_204).send();
    }

    // POST /sites/{site}/comments/{id}/ban {message, rejectPublished?} → 200 {audit: [{id, action, targetKind, targetId}], rejected}
    private void ban(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        StaffUser who = staff.requireSession(req).user();
        staff.requireSameOrigin(req);
        JsonFields fields = new JsonFields(bans.object(req), Set.of("message", "rejectPublished"));
        String message = fields.requiredString("message");
        boolean rejectPublished = fields.optionalBoolean("rejectPublished").orElse(false);
        fields.done();
        String rawId = req.path().pathParameters().get("id");
        if (!CommentId.isValid(rawId) || !moderation.caseFile(who, new CommentId(rawId)).item().site().equals(site)) {
            throw new ParleyException.NotFound(org.parley.comments.CommentProblem.UNKNOWN_COMMENT,
                    "There is no comment '" + rawId + "' on site '" + site + "'.");
        }
        List<AuditEntry> entries = moderation.act(who, new ModeratorAction.Ban(new CommentId(rawId), message, rejectPublished));
        ObjectNode body = json.createObjectNode();
        ArrayNode audit = body.putArray("audit");
        entries.forEach(entry -> audit.addObject().put("id", entry.id()).put("action", entry.action())
                .put("targetKind", entry.targetKind()).put("targetId", entry.targetId()));
        body.put("rejected", entries.stream().filter(entry -> entry.action().equals("reject")).count());
        res.header(HeaderNames.CACHE_CONTROL, "no-store").header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(Json.bytes(json, body));
    }

    private static SiteId site(ServerRequest req) {
        String raw = req.path().pathParameters().get("site");
        if (!SiteId.isValid(raw)) {
            throw new ParleyException.NotFound(SiteProblem.UNKNOWN_SITE, "There is no site '" + raw + "'.");
        }
        return new SiteId(raw);
    }
}
