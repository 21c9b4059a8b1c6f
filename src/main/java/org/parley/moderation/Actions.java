package org.parley.moderation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.parley.comments.Comment;
import org.parley.comments.CommentId;
import org.parley.comments.CommentStatus;
import org.parley.comments.Comments;
import org.parley.comments.Moderated;
import org.parley.comments.ModerationChange;
import org.parley.comments.ReviewItem;
import org.parley.http.FieldError;
import org.parley.http.Json;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.staff.StaffUser;
import org.parley.store.Database;

/**
 * Carries out moderators' actions. Each action — with every comment of a bulk action — commits in one
 * transaction together with its audit entries and the resolution of the comments' reports: an action
 * without its audit entry cannot happen.
 */
final class Actions {

    static final int MAX_MESSAGE = 2_000;
    static final Duration LONGEST_SUSPENSION = Duration.ofDays(365);

    private final Database db;
    private final Clock clock;
    private final Supplier<Comments> comments;
    private final Casework casework;
    private final SanctionRepository sanctions = new SanctionRepository();
    private final ReportRepository reports;
    private final AuditTrail trail;
    private final ObjectMapper json = Json.mapper();

    Actions(Database db, Clock clock, Supplier<Comments> comments, Casework casework, ReportRepository reports, AuditTrail trail) {
        this.db = db;
        this.clock = clock;
        this.comments = comments;
        this.casework = casework;
        this.reports = reports;
        this.trail = trail;
    }

    List<AuditEntry> act(StaffUser who, ModeratorAction action) {
        Instant now = clock.instant();
        return switch (action) {
            case ModeratorAction.Approve approve -> onComments(who, approve.comments(), "approve", approve.note(), now,
                    id -> new ModerationChange.Approve(Optional.ofNullable(approve.seenEdits().get(id))));
            case ModeratorAction.Reject reject -> onComments(who, reject.comments(), "reject",
                    Optional.of(message(reject.reasonForAuthor(), "reasonForAuthor")), now,
                    id -> new ModerationChange.Reject(Optional.of(reject.reasonForAuthor().strip())));
            case ModeratorAction.Feature feature -> onComments(who, List.of(feature.comment()),
                    feature.featured() ? "feature" : "unfeature", Optional.empty(), now, id -> new ModerationChange.Feature(feature.featured()));
            case ModeratorAction.Ban ban -> ban(who, ban, now);
            case ModeratorAction.Suspend suspend -> sanction(who, suspend.because(), SanctionKind.SUSPENSION, suspend.message(),
                    Optional.of(suspension(suspend.duration())), now);
            case ModeratorAction.Warn warn -> sanction(who, warn.because(), SanctionKind.WARNING, warn.message(), Optional.empty(), now);
            case ModeratorAction.RemoveImage remove -> onComments(who, List.of(remove.comment()), "remove-image",
                    Optional.of(message(remove.reason(), "reason")), now, id -> new ModerationChange.RemoveImage(remove.image()));
            case ModeratorAction.Lift lift -> lift(who, lift, now);
        };
    }

    private List<AuditEntry> onComments(StaffUser who, List<CommentId> ids, String action, Optional<String> reason, Instant now,
                                        Function<CommentId, ModerationChange> change) {
        if (ids.isEmpty() || ids.size() > 200) {
            throw invalid("comments", "give 1 to 200 comments, not " + ids.size());
        }
        // In one order, so two moderators' bulk actions lock the same comments in the same order.
        List<ReviewItem> items = casework.inScope(who, ids).stream().sorted(Comparator.comparing(item -> item.id().value())).toList();
        return db.write(h -> {
            List<AuditEntry> entries = new ArrayList<>();
            for (ReviewItem item : items) {
                entries.add(decide(h, who, item.id(), item.author(), action, reason, now, change.apply(item.id())));
            }
            return entries;
        });
    }

    /** One comment's decision, inside the action's transaction: the change, its reports resolved, its audit entry. */
    private AuditEntry decide(Handle h, StaffUser who, CommentId id, ReaderId author, String action, Optional<String> reason,
                              Instant now, ModerationChange change) {
        Moderated moderated = comments.get().moderate(id, change);
        reports.resolve(h, id, who.username(), now);
        return append(h, who, now, moderated.site().value(), action, "comment", id.value(), Optional.of(author.value()), reason,
                state(moderated.before()), state(moderated.after()));
    }

    /**
     * A ban decides the case of the comment that prompted it: its reports are resolved and its review closed, with no
     * audit entry beside the ban's. With {@code rejectPublished}, each of the author's published comments on the site is
     * then rejected as a {@link ModeratorAction.Reject} rejects it, with its own "reject" audit entry, so each comment's
     * history, the author's record and webhooks tell it as any rejection. One reader's comments are not capped at a bulk
     * action's 200: the ban is one decision about them all.
     */
    private List<AuditEntry> ban(StaffUser who, ModeratorAction.Ban ban, Instant now) {
        return db.write(h -> {
            List<AuditEntry> entries = new ArrayList<>(sanction(who, ban.because(), SanctionKind.BAN, ban.message(), Optional.empty(), now));
            ReviewItem item = casework.inScope(who, List.of(ban.because())).getFirst();
            List<CommentId> published = ban.rejectPublished() ? comments.get().publishedBy(item.site(), item.author()) : List.of();
            if (!published.contains(item.id()) && item.status() == CommentStatus.PUBLISHED && item.reviewOpen()) {
                comments.get().moderate(item.id(), new ModerationChange.CloseReview());
            }
            reports.resolve(h, item.id(), who.username(), now);
            ModerationChange reject = new ModerationChange.Reject(Optional.of(ban.message().strip()));
            for (CommentId id : published) {
                entries.add(decide(h, who, id, item.author(), "reject", Optional.of(ban.message().strip()), now, reject));
            }
            return entries;
        });
    }

    private List<AuditEntry> sanction(StaffUser who, CommentId because, SanctionKind kind, String message,
                                      Optional<Duration> duration, Instant now) {
        ReviewItem item = casework.inScope(who, List.of(because)).getFirst();
        if (kind == SanctionKind.BAN && !who.mayModerate(item.site(), Optional.empty())) {
            throw new ParleyException.Forbidden(ModerationProblem.OUT_OF_SCOPE,
                    "A ban covers all of site '" + item.site() + "'; only its site-wide moderators and admins can ban.");
        }
        // A section moderator's sanction holds where they moderate: the section of the comment that prompted it.
        Optional<String> section = who.mayModerate(item.site(), Optional.empty()) ? Optional.empty() : item.section();
        Sanction sanction = new Sanction(db.ids().next("s", now.toEpochMilli()), item.site(), section, item.author(), kind,
                message(message, "message"), now, duration.map(now::plus), who.username(), Optional.empty());
        return db.write(h -> {
            sanctions.insert(h, sanction);
            return List.of(append(h, who, now, item.site().value(), kind == SanctionKind.BAN ? "ban"
                            : kind == SanctionKind.SUSPENSION ? "suspend" : "warn", "commenter", item.author().value(),
                    Optional.of(item.author().value()), Optional.of(sanction.message()), Optional.empty(), Optional.of(sanctionState(sanction))));
        });
    }

    private List<AuditEntry> lift(StaffUser who, ModeratorAction.Lift lift, Instant now) {
        return db.write(h -> {
            Sanction sanction = sanctions.find(h, lift.sanctionId()).orElseThrow(() -> new ParleyException.NotFound(
                    ModerationProblem.UNKNOWN_SANCTION, "There is no sanction '" + lift.sanctionId() + "'."));
            if (!who.mayModerate(sanction.site(), sanction.section())) {
                throw new ParleyException.Forbidden(ModerationProblem.OUT_OF_SCOPE, sanction.section()
                        .map(s -> "This sanction holds in section '" + s + "' of site '" + sanction.site() + "', which you do not moderate.")
                        .orElse("Sanctions on all of site '" + sanction.site() + "' are lifted by its site-wide moderators and admins."));
            }
            sanctions.lift(h, sanction.id(), who.username(), now);
            Sanction lifted = sanctions.find(h, sanction.id()).orElseThrow();
            return List.of(append(h, who, now, sanction.site().value(), "lift", "commenter", sanction.commenter().value(),
                    Optional.of(sanction.commenter().value()), Optional.of(message(lift.note(), "note")), Optional.of(sanctionState(sanction)), Optional.of(sanctionState(lifted))));
        });
    }

    private AuditEntry append(Handle h, StaffUser who, Instant now, String site, String action, String targetKind, String target,
                              Optional<String> subject, Optional<String> reason, Optional<String> before, Optional<String> after) {
        return trail.record(h, who, now, new org.parley.sites.SiteId(site), action, targetKind, target, subject, reason, before, after);
    }

    private Optional<String> state(Comment comment) {
        ObjectNode node = json.createObjectNode().put("status", comment.status().apiName()).put("featured", comment.featured());
        comment.note().ifPresent(note -> node.put("note", note));
        comment.images().forEach(image -> node.withArray("images").add(image.id().value()));
        return Optional.of(Json.text(json, node));
    }

    private String sanctionState(Sanction s) {
        ObjectNode node = json.createObjectNode().put("id", s.id()).put("kind", s.kind().apiName()).put("message", s.message());
        node.put("section", s.section().orElse(null));
        node.put("until", s.endsAt().map(Instant::toString).orElse(null));
        node.put("lifted", s.liftedAt().map(Instant::toString).orElse(null));
        return Json.text(json, node);
    }

    private static Duration suspension(Duration duration) {
        if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(LONGEST_SUSPENSION) > 0) {
            throw invalid("duration", "must be between one minute and 365 days");
        }
        return duration;
    }

    private static String message(String text, String field) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_MESSAGE) {
            throw invalid(field, "must be 1 to " + MAX_MESSAGE + " characters: the author and the audit log read it");
        }
        return stripped;
    }

    private static ParleyException invalid(String field, String message) {
        return new ParleyException.InvalidInput(ModerationProblem.INVALID_ACTION, "'" + field + "' " + message + ".",
                List.of(new FieldError(field, message)));
    }
}
