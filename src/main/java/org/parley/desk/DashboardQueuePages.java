package org.parley.desk;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.comments.CommentId;
import org.parley.http.FieldError;
import org.parley.http.Form;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.moderation.Moderation;
import org.parley.moderation.ModerationProblem;
import org.parley.moderation.ModeratorAction;
import org.parley.moderation.QueueKind;
import org.parley.moderation.QueuePage;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.staff.Scope;
import org.parley.staff.Session;
import org.parley.staff.StaffUser;

/** The overview and the queues: what waits for a moderator, and approving or rejecting many cases at once. */
final class DashboardQueuePages {

    static final int PAGE_SIZE = 25;

    private final Moderation moderation;
    private final Sites sites;
    private final DashboardTemplates templates;

    DashboardQueuePages(Moderation moderation, Sites sites, DashboardTemplates templates) {
        this.moderation = moderation;
        this.sites = sites;
        this.templates = templates;
    }

    // GET /admin → each queue's first page size (25+ when there is more), and the sites this person moderates
    void overview(ServerRequest req, ServerResponse res, Session session) {
        StaffUser user = session.user();
        Map<QueueKind, Integer> counts = new EnumMap<>(QueueKind.class);
        for (QueueKind kind : QueueKind.values()) {
            counts.put(kind, moderation.queue(user, kind, Optional.empty(), Optional.empty(), PAGE_SIZE).cases().size());
        }
        List<Site> mine = sitesOf(user, sites);
        Map<String, String> coverage = new LinkedHashMap<>();
        for (Site site : mine) {
            coverage.put(site.id().value(), user.mayModerate(site.id(), Optional.empty()) ? "All sections"
                    : user.scopes().stream().filter(scope -> scope.site().equals(site.id())).map(Scope::section)
                            .collect(Collectors.joining(", ", "Only section ", "")));
        }
        Map<String, Object> params = DashboardTemplates.params(session);
        params.put("counts", counts);
        params.put("pageSize", PAGE_SIZE);
        params.put("sites", mine);
        params.put("coverage", coverage);
        templates.send(res, Status.OK_200, "overview", params);
    }

    // GET /admin/queue?kind=pending|reported|flagged|approved|rejected[&site=ID][&after=ID][&done=…] → a page of cases
    void queue(ServerRequest req, ServerResponse res, Session session) {
        DashboardQueueRef ref = DashboardQueueRef.parse(
                Optional.of(req.query().first("kind").asOptional().filter(k -> !k.isEmpty()).orElse("pending")),
                req.query().first("site").asOptional()).orElseThrow();
        Optional<CommentId> after = req.query().first("after").asOptional().filter(a -> !a.isEmpty()).map(DashboardQueueRef::commentId);
        View view = new View(ref, after, DashboardTemplates.doneMessage(req.query().first("done").orElse("")), "", "", "", Set.of());
        render(res, session, Status.OK_200, view);
    }

    // POST /admin/queue/bulk (csrf, ids…, action=approve|reject, reason, queue, site?, after?) → 303 back to the queue
    void bulk(ServerRequest req, ServerResponse res, Session session, Form form) {
        DashboardQueueRef ref = DashboardQueueRef.parse(Optional.of(form.required("queue")), form.optional("site")).orElseThrow();
        Optional<CommentId> after = form.optional("after").filter(a -> !a.isEmpty()).map(DashboardQueueRef::commentId);
        String action = form.required("action");
        if (!action.equals("approve") && !action.equals("reject")) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_FIELD, "Form field 'action' must be approve or reject.",
                    List.of(new FieldError("action", "must be approve or reject")));
        }
        List<CommentId> ids = form.all("ids").stream().distinct().map(DashboardQueueRef::commentId).toList();
        String reason = form.optional("reason").orElse("").strip();
        Set<String> selected = new LinkedHashSet<>(form.all("ids"));
        if (ids.isEmpty()) {
            render(res, session, Status.UNPROCESSABLE_CONTENT_422, new View(ref, after, "", "ids",
                    "Select at least one case first: tick its box, or press x on it.", reason, selected));
            return;
        }
        if (action.equals("reject") && reason.isEmpty()) {
            render(res, session, Status.UNPROCESSABLE_CONTENT_422, new View(ref, after, "", "reason",
                    "Give the authors a reason: each of them sees it, and the audit log keeps it.", reason, selected));
            return;
        }
        try {
            moderation.act(session.user(), action.equals("approve")
                    ? new ModeratorAction.Approve(ids, Optional.empty(), DashboardQueueRef.seenEdits(form, ids))
                    : new ModeratorAction.Reject(ids, reason));
        } catch (ParleyException.InvalidInput e) {
            render(res, session, Status.UNPROCESSABLE_CONTENT_422, new View(ref, after, "", action.equals("reject") ? "reason" : "ids",
                    e.detail(), reason, selected));
            return;
        } catch (ParleyException.Conflict e) {
            if (e.type() != org.parley.comments.CommentProblem.CHANGED_SINCE_READ) {
                throw e;
            }
            render(res, session, Status.CONFLICT_409, new View(ref, after, "", "ids", e.detail()
                    + " Nothing was approved; the page now shows the new text.", reason, selected));
            return;
        }
        DashboardTemplates.redirect(res, ref.queueHref(after, action.equals("approve") ? "approved-selected" : "rejected-selected"));
    }

    /** What one rendering of a queue page shows besides the cases: a message, or a form error on one field. */
    private record View(DashboardQueueRef ref, Optional<CommentId> after, String done, String errorField, String error,
                        String reason, Set<String> selected) {
    }

    private void render(ServerResponse res, Session session, Status status, View view) {
        StaffUser user = session.user();
        DashboardQueueRef ref = view.ref();
        ref.site().ifPresent(site -> requireSiteInScope(user, site));
        QueuePage page = moderation.queue(user, ref.kind(), ref.site(), view.after(), PAGE_SIZE);
        Map<String, Object> params = DashboardTemplates.params(session);
        params.put("kind", ref.kind());
        params.put("site", ref.siteValue());
        params.put("sites", sitesOf(user, sites));
        params.put("page", page);
        params.put("after", view.after().map(CommentId::value).orElse(""));
        params.put("caseQuery", DashboardTemplates.query("queue", ref.kind().apiName(), "site", ref.siteValue()));
        params.put("nextHref", page.next().map(next -> ref.queueHref(Optional.of(next), "")).orElse(""));
        params.put("firstHref", view.after().isPresent() ? ref.queueHref(Optional.empty(), "") : "");
        params.put("done", view.done());
        params.put("errorField", view.errorField());
        params.put("error", view.error());
        params.put("reason", view.reason());
        params.put("selected", view.selected());
        params.put("canApprove", ref.kind() != QueueKind.APPROVED);
        params.put("canReject", ref.kind() != QueueKind.REJECTED);
        templates.send(res, status, "queue", params);
    }

    /** The sites a person moderates, in full or in part: every site for an admin. */
    static List<Site> sitesOf(StaffUser user, Sites sites) {
        if (user.isAdmin()) {
            return sites.all();
        }
        return user.scopes().stream().map(Scope::site).distinct().map(sites::find).flatMap(Optional::stream).toList();
    }

    /** A moderator asking for a site they have no part of is told so, rather than shown an empty queue. */
    private void requireSiteInScope(StaffUser user, SiteId site) {
        sites.require(site.value());
        if (!user.isAdmin() && user.scopes().stream().noneMatch(scope -> scope.site().equals(site))) {
            throw new ParleyException.Forbidden(ModerationProblem.OUT_OF_SCOPE, "You do not moderate site '" + site + "'.");
        }
    }
}
