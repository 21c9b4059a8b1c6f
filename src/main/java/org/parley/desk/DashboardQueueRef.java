package org.parley.desk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.comments.CommentId;
import org.parley.comments.CommentProblem;
import org.parley.http.FieldError;
import org.parley.http.Form;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.moderation.QueueKind;
import org.parley.sites.SiteId;
import org.parley.sites.SiteProblem;

/**
 * The queue a moderator is working through, optionally narrowed to one site. Links and forms carry it
 * ({@code queue=flagged&site=demo}), so after an action the dashboard knows which case comes next.
 */
record DashboardQueueRef(QueueKind kind, Optional<SiteId> site) {

    /** The queue named by {@code kind} and {@code site} (query or form values); empty when no queue is named. */
    static Optional<DashboardQueueRef> parse(Optional<String> kind, Optional<String> site) {
        Optional<SiteId> siteId = site.filter(s -> !s.isEmpty()).map(DashboardQueueRef::siteId);
        return kind.filter(k -> !k.isEmpty()).map(k -> new DashboardQueueRef(kind(k), siteId));
    }

    static QueueKind kind(String raw) {
        return QueueKind.parse(raw).orElseThrow(() -> new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                "'" + raw + "' is not a queue; use pending, reported, flagged, approved or rejected.",
                List.of(new FieldError("kind", "is not a queue"))));
    }

    static SiteId siteId(String raw) {
        if (!SiteId.isValid(raw)) {
            throw new ParleyException.NotFound(SiteProblem.UNKNOWN_SITE, "There is no site '" + raw + "'.");
        }
        return new SiteId(raw);
    }

    static CommentId commentId(String raw) {
        if (!CommentId.isValid(raw)) {
            throw new ParleyException.NotFound(CommentProblem.UNKNOWN_COMMENT, "There is no comment '" + raw + "'.");
        }
        return new CommentId(raw);
    }

    /**
     * How many edits each comment had when the moderator's page showed it, from the page's hidden
     * {@code edits-<id>} fields; a comment without a well-formed count is approved unchecked (API callers).
     */
    static Map<CommentId, Integer> seenEdits(Form form, List<CommentId> ids) {
        Map<CommentId, Integer> seen = new HashMap<>();
        for (CommentId id : ids) {
            form.optional("edits-" + id.value()).filter(n -> n.matches("[0-9]{1,6}")).ifPresent(n -> seen.put(id, Integer.parseInt(n)));
        }
        return seen;
    }

    /** This queue's page starting after {@code after}, with a {@code done} message (empty for none). */
    String queueHref(Optional<CommentId> after, String done) {
        return "/admin/queue" + DashboardTemplates.query("kind", kind.apiName(), "site", siteValue(),
                "after", after.map(CommentId::value).orElse(""), "done", done);
    }

    /** A case opened from this queue. */
    String caseHref(CommentId id, String done) {
        return "/admin/comments/" + id.value() + DashboardTemplates.query("queue", kind.apiName(), "site", siteValue(), "done", done);
    }

    /** A case opened from {@code from}, or on its own. */
    static String caseHref(CommentId id, Optional<DashboardQueueRef> from, String done) {
        return from.map(ref -> ref.caseHref(id, done))
                .orElse("/admin/comments/" + id.value() + DashboardTemplates.query("done", done));
    }

    String siteValue() {
        return site.map(SiteId::value).orElse("");
    }
}
