package org.parley.desk;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.comments.CommentId;
import org.parley.comments.CommentProblem;
import org.parley.comments.ReviewItem;
import org.parley.http.FieldError;
import org.parley.http.Form;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.media.ImageId;
import org.parley.moderation.AuditQuery;
import org.parley.moderation.CaseFile;
import org.parley.moderation.CaseSummary;
import org.parley.moderation.Moderation;
import org.parley.identity.Badge;
import org.parley.moderation.ModeratorAction;
import org.parley.moderation.QueuePage;
import org.parley.moderation.Sanction;
import org.parley.moderation.SanctionKind;
import org.parley.staff.Session;
import org.parley.staff.StaffUser;

/**
 * One case: the comment with every reason and report, its conversation and its author's record, and the
 * forms that decide it (approve, reject, feature) or act on its author (warn, suspend, ban, lift).
 * After approving or rejecting, the moderator lands on the next case of the queue they came from.
 */
final class DashboardCasePages {

    /** How far into a queue the previous and next case are looked for: 10 pages of 100. */
    private static final int SCAN_PAGE = 100;
    private static final int SCAN_PAGES = 10;
    /** Earlier decisions on a comment shown with its case. */
    private static final int HISTORY = 50;
    private static final Map<String, Duration> SUSPENSIONS = Map.of("1h", Duration.ofHours(1), "1d", Duration.ofDays(1),
            "7d", Duration.ofDays(7), "30d", Duration.ofDays(30));
    /** The door's fields that hold what a person typed: its complaints about them come back as a 422 page. */
    private static final Set<String> TYPED_FIELDS = Set.of("reasonForAuthor", "message", "note", "reason");
    static final String EDITED_SINCE_READ = "Its author edited it after you opened it: read the text as it is now, then decide.";

    private final Moderation moderation;
    private final DashboardTemplates templates;

    DashboardCasePages(Moderation moderation, DashboardTemplates templates) {
        this.moderation = moderation;
        this.templates = templates;
    }

    // GET /admin/comments/{id}[?queue=KIND&site=ID][&done=…] → the case file with its action forms
    void show(ServerRequest req, ServerResponse res, Session session) {
        Optional<DashboardQueueRef> ref = DashboardQueueRef.parse(req.query().first("queue").asOptional(),
                req.query().first("site").asOptional());
        String done = DashboardTemplates.doneMessage(req.query().first("done").orElse(""));
        render(res, session, Status.OK_200, commentId(req), ref, done, Map.of(), Map.of());
    }

    // POST /admin/comments/{id}/approve (csrf, note?, queue?, site?, return?, after?) → 303 to the next case
    void approve(ServerRequest req, ServerResponse res, Session session, Form form) {
        CommentId id = commentId(req);
        Optional<String> note = form.optional("note").map(String::strip).filter(n -> !n.isEmpty());
        Map<CommentId, Integer> seen = DashboardQueueRef.seenEdits(form, List.of(id));
        decide(res, session, form, id, "approve", note.orElse(""), new ModeratorAction.Approve(List.of(id), note, seen), "approved");
    }

    // POST /admin/comments/{id}/reject (csrf, reason, queue?, site?) → 303 to the next case; 422 without a reason
    void reject(ServerRequest req, ServerResponse res, Session session, Form form) {
        CommentId id = commentId(req);
        String reason = form.optional("reason").orElse("").strip();
        if (reason.isEmpty()) {
            mistake(res, session, form, id, "reject", reason, "Give the author a reason: they see it, and the audit log keeps it.");
            return;
        }
        decide(res, session, form, id, "reject", reason, new ModeratorAction.Reject(List.of(id), reason), "rejected");
    }

    // POST /admin/comments/{id}/feature | unfeature (csrf, queue?, site?) → 303 back to the case
    void feature(ServerRequest req, ServerResponse res, Session session, Form form, boolean featured) {
        CommentId id = commentId(req);
        moderation.act(session.user(), new ModeratorAction.Feature(id, featured));
        DashboardTemplates.redirect(res, DashboardQueueRef.caseHref(id, ref(form), featured ? "featured" : "unfeatured"));
    }

    // POST /admin/comments/{id}/warn (csrf, message, queue?, site?) → 303 back to the case
    void warn(ServerRequest req, ServerResponse res, Session session, Form form) {
        CommentId id = commentId(req);
        String message = form.optional("message").orElse("").strip();
        sanction(res, session, form, id, "warn", message, new ModeratorAction.Warn(id, message), "warned");
    }

    // POST /admin/comments/{id}/suspend (csrf, duration=1h|1d|7d|30d, message, queue?, site?) → 303 back to the case
    void suspend(ServerRequest req, ServerResponse res, Session session, Form form) {
        CommentId id = commentId(req);
        String message = form.optional("message").orElse("").strip();
        String duration = form.required("duration");
        if (!SUSPENSIONS.containsKey(duration)) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_FIELD, "Form field 'duration' must be 1h, 1d, 7d or 30d.",
                    List.of(new FieldError("duration", "must be 1h, 1d, 7d or 30d")));
        }
        sanction(res, session, form, id, "suspend", message, new ModeratorAction.Suspend(id, SUSPENSIONS.get(duration), message),
                "suspended");
    }

    // POST /admin/comments/{id}/badges (csrf, badge=staff|subscriber…, queue?, site?) → 303 back to the case; 403 unless site-wide
    void badges(ServerRequest req, ServerResponse res, Session session, Form form) {
        CommentId id = commentId(req);
        java.util.Set<Badge> badges = java.util.EnumSet.noneOf(Badge.class);
        for (String given : form.all("badge")) {
            badges.add(Badge.fromWire(given).orElseThrow(() -> new ParleyException.InvalidInput(RequestProblem.INVALID_FIELD,
                    "Form field 'badge' must be staff or subscriber.", List.of(new FieldError("badge", "is not a badge")))));
        }
        moderation.giveBadges(session.user(), id, badges);
        DashboardTemplates.redirect(res, DashboardQueueRef.caseHref(id, ref(form), "badges set"));
    }

    // POST /admin/comments/{id}/ban (csrf, message, rejectPublished?, confirmed?, queue?, site?) → 303 back to the case;
    // 403 unless site-wide. With rejectPublished=on the ban waits for a second submit that states how many comments go:
    // until confirmed= carries the number of published comments there are now, the case page asks (200) instead.
    void ban(ServerRequest req, ServerResponse res, Session session, Form form) {
        CommentId id = commentId(req);
        String message = form.optional("message").orElse("").strip();
        boolean rejectPublished = form.optional("rejectPublished").isPresent();
        if (rejectPublished && !message.isEmpty()) {
            int published = moderation.caseFile(session.user(), id).author().comments().published();
            if (!form.optional("confirmed").filter(String.valueOf(published)::equals).isPresent()) {
                render(res, session, Status.OK_200, id, ref(form), "", Map.of(), Map.of("ban", message), Optional.of(published));
                return;
            }
        }
        sanction(res, session, form, id, "ban", message, new ModeratorAction.Ban(id, message, rejectPublished),
                rejectPublished ? "banned-and-rejected" : "banned");
    }

    // POST /admin/comments/{id}/remove-image (csrf, image, reason, queue?, site?) → 303 back to the case; 422 without a reason
    void removeImage(ServerRequest req, ServerResponse res, Session session, Form form) {
        CommentId id = commentId(req);
        String image = form.required("image");
        if (!ImageId.isValid(image)) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_FIELD, "Form field 'image' must be an image id (64 hexadecimal characters).",
                    List.of(new FieldError("image", "is not an image id")));
        }
        String reason = form.optional("reason").orElse("").strip();
        String slot = "remove-image-" + image;
        if (reason.isEmpty()) {
            mistake(res, session, form, id, slot, reason, "Say why the image goes; the audit log keeps it.");
            return;
        }
        if (!acted(res, session, form, id, slot, reason, new ModeratorAction.RemoveImage(id, new ImageId(image), reason))) {
            return;
        }
        DashboardTemplates.redirect(res, DashboardQueueRef.caseHref(id, ref(form), "image-removed"));
    }

    // POST /admin/sanctions/{id}/lift (csrf, note, comment, queue?, site?) → 303 back to the case it was lifted from
    void lift(ServerRequest req, ServerResponse res, Session session, Form form) {
        String sanction = req.path().pathParameters().get("id");
        CommentId from = DashboardQueueRef.commentId(form.required("comment"));
        String note = form.optional("note").orElse("").strip();
        String slot = "lift-" + sanction;
        if (note.isEmpty()) {
            mistake(res, session, form, from, slot, note, "Say why the sanction ends early; the audit log keeps it.");
            return;
        }
        if (!acted(res, session, form, from, slot, note, new ModeratorAction.Lift(sanction, note))) {
            return;
        }
        DashboardTemplates.redirect(res, DashboardQueueRef.caseHref(from, ref(form), "lifted"));
    }

    /** Approves or rejects, then moves on: to the next case of the queue, or back to the queue page it came from. */
    private void decide(ServerResponse res, Session session, Form form, CommentId id, String slot, String typed,
                        ModeratorAction action, String done) {
        Optional<DashboardQueueRef> ref = ref(form);
        Neighbours around = neighbours(session.user(), ref, id);
        if (!acted(res, session, form, id, slot, typed, action)) {
            return;
        }
        if (ref.isPresent() && form.optional("return").filter("queue"::equals).isPresent()) {
            Optional<CommentId> after = form.optional("after").filter(a -> !a.isEmpty()).map(DashboardQueueRef::commentId);
            DashboardTemplates.redirect(res, ref.get().queueHref(after, done) + around.next().map(next -> "#case-" + next).orElse(""));
        } else if (ref.isPresent()) {
            DashboardTemplates.redirect(res, around.next().map(next -> ref.get().caseHref(next, done))
                    .orElse(ref.get().queueHref(Optional.empty(), done)));
        } else {
            DashboardTemplates.redirect(res, DashboardQueueRef.caseHref(id, Optional.empty(), done));
        }
    }

    private void sanction(ServerResponse res, Session session, Form form, CommentId id, String slot, String message,
                          ModeratorAction action, String done) {
        if (message.isEmpty()) {
            mistake(res, session, form, id, slot, message, "Write the message the author will see; the audit log keeps it too.");
            return;
        }
        if (!acted(res, session, form, id, slot, message, action)) {
            return;
        }
        DashboardTemplates.redirect(res, DashboardQueueRef.caseHref(id, ref(form), done));
    }

    /**
     * Carries out {@code action}; when it fails on what the moderator typed into {@code slot}, shows the
     * case again with the mistake ({@link #mistake}) and answers false.
     */
    private boolean acted(ServerResponse res, Session session, Form form, CommentId id, String slot, String typed,
                          ModeratorAction action) {
        try {
            moderation.act(session.user(), action);
            return true;
        } catch (ParleyException.InvalidInput e) {
            rethrowUnlessTyped(e);
            mistake(res, session, form, id, slot, typed, e.detail());
            return false;
        } catch (ParleyException.Conflict e) {
            if (e.type() != CommentProblem.CHANGED_SINCE_READ) {
                throw e;
            }
            // The page shows the new text; the moderator decides again on what they now read.
            render(res, session, Status.CONFLICT_409, id, ref(form), "", Map.of(slot, EDITED_SINCE_READ), Map.of(slot, typed));
            return false;
        }
    }

    /** A mistake a person can fix: the case page again, 422, with the message next to the form's field. */
    private void mistake(ServerResponse res, Session session, Form form, CommentId id, String slot, String typed, String message) {
        render(res, session, Status.UNPROCESSABLE_CONTENT_422, id, ref(form), "", Map.of(slot, message), Map.of(slot, typed));
    }

    /** Only errors in what a person typed become a 422 page; anything else is a broken request and stays a problem. */
    private static void rethrowUnlessTyped(ParleyException.InvalidInput e) {
        if (e.errors().isEmpty() || !e.errors().stream().allMatch(error -> TYPED_FIELDS.contains(error.field()))) {
            throw e;
        }
    }

    private void render(ServerResponse res, Session session, Status status, CommentId id, Optional<DashboardQueueRef> ref,
                        String done, Map<String, String> errors, Map<String, String> values) {
        render(res, session, status, id, ref, done, errors, values, Optional.empty());
    }

    /** The case page; {@code confirmBan}, when present, asks to confirm a ban that rejects that many published comments. */
    private void render(ServerResponse res, Session session, Status status, CommentId id, Optional<DashboardQueueRef> ref,
                        String done, Map<String, String> errors, Map<String, String> values, Optional<Integer> confirmBan) {
        StaffUser user = session.user();
        CaseFile file = moderation.caseFile(user, id);
        ReviewItem item = file.item();
        Neighbours around = neighbours(user, ref, id);
        Set<String> restricting = moderation.notices(item.site(), item.author()).stream()
                .filter(s -> s.kind() != SanctionKind.WARNING).map(Sanction::id).collect(Collectors.toSet());
        boolean wholeSite = user.mayModerate(item.site(), Optional.empty());
        Map<String, Object> params = DashboardTemplates.params(session);
        params.put("file", file);
        params.put("source", DashboardHighlight.segments(item.source().source(), item.reasons()));
        params.put("queue", ref.map(r -> r.kind().apiName()).orElse(""));
        params.put("site", ref.map(DashboardQueueRef::siteValue).orElse(""));
        params.put("queueHref", ref.map(r -> r.queueHref(Optional.empty(), "") + "#case-" + id).orElse(""));
        params.put("previousHref", around.previous().map(p -> ref.orElseThrow().caseHref(p, "")).orElse(""));
        params.put("nextHref", around.next().map(n -> ref.orElseThrow().caseHref(n, "")).orElse(""));
        params.put("mayBan", wholeSite);
        params.put("wholeSite", wholeSite);
        params.put("liftable", file.author().sanctions().stream().filter(s -> user.mayModerate(item.site(), s.section()))
                .map(Sanction::id).collect(Collectors.toSet()));
        params.put("restricting", restricting);
        params.put("commentHistory", moderation.audit(user, new AuditQuery(List.of(item.site()), Optional.empty(), Optional.empty(),
                Optional.of(id.value()), Optional.empty(), Optional.empty(), Optional.empty(), HISTORY)));
        params.put("done", done);
        params.put("confirmBan", confirmBan.orElse(-1));
        params.put("caseHref", DashboardQueueRef.caseHref(id, ref, ""));
        params.put("errors", new HashMap<>(errors));
        params.put("values", new HashMap<>(values));
        templates.send(res, status, "case", params);
    }

    /** The cases before and after {@code id} in the queue it was opened from. */
    private record Neighbours(Optional<CommentId> previous, Optional<CommentId> next) {
    }

    /**
     * Walks the queue from its start (the door pages forward only) until it meets {@code id}. A case no
     * longer in the queue (just decided elsewhere) has no previous one, and the queue's first case next.
     */
    private Neighbours neighbours(StaffUser user, Optional<DashboardQueueRef> ref, CommentId id) {
        if (ref.isEmpty()) {
            return new Neighbours(Optional.empty(), Optional.empty());
        }
        Optional<CommentId> first = Optional.empty();
        Optional<CommentId> previous = Optional.empty();
        Optional<CommentId> after = Optional.empty();
        boolean found = false;
        for (int scanned = 0; scanned < SCAN_PAGES; scanned++) {
            QueuePage page = moderation.queue(user, ref.get().kind(), ref.get().site(), after, SCAN_PAGE);
            for (CaseSummary summary : page.cases()) {
                CommentId at = summary.item().id();
                if (found) {
                    return new Neighbours(previous, Optional.of(at));
                }
                first = first.or(() -> Optional.of(at));
                if (at.equals(id)) {
                    found = true;
                } else {
                    previous = Optional.of(at);
                }
            }
            if (page.next().isEmpty()) {
                break;
            }
            after = page.next();
        }
        return found ? new Neighbours(previous, Optional.empty())
                : new Neighbours(Optional.empty(), first.filter(f -> !f.equals(id)));
    }

    private static Optional<DashboardQueueRef> ref(Form form) {
        return DashboardQueueRef.parse(form.optional("queue"), form.optional("site"));
    }

    private static CommentId commentId(ServerRequest req) {
        return DashboardQueueRef.commentId(req.path().pathParameters().get("id"));
    }
}
