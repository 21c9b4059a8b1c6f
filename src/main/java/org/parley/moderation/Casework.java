package org.parley.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.parley.comments.CommentId;
import org.parley.comments.CommentProblem;
import org.parley.comments.Comments;
import org.parley.comments.ReviewItem;
import org.parley.comments.ReviewQuery;
import org.parley.comments.ReviewQueue;
import org.parley.comments.ReviewScope;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.identity.Voices;
import org.parley.sites.SiteId;
import org.parley.staff.Scope;
import org.parley.staff.StaffUser;
import org.parley.store.Database;

/** What moderators read: queues within their scope and the case file of one comment. */
final class Casework {

    /** Past actions on an author shown with a case. */
    private static final int HISTORY = 50;

    private final Database db;
    private final Identity identity;
    private final Supplier<Comments> comments;
    private final Sanctions sanctions;
    private final ReportRepository reports;
    private final AuditReader audit;

    Casework(Database db, Identity identity, Supplier<Comments> comments, Sanctions sanctions, ReportRepository reports,
             AuditReader audit) {
        this.db = db;
        this.identity = identity;
        this.comments = comments;
        this.sanctions = sanctions;
        this.reports = reports;
        this.audit = audit;
    }

    QueuePage queue(StaffUser who, QueueKind kind, Optional<SiteId> site, Optional<CommentId> after, int limit) {
        Optional<List<ReviewScope>> allowed = scopes(who, site);
        if (allowed.isEmpty()) {
            return new QueuePage(kind, List.of(), Optional.empty());
        }
        List<ReviewScope> scopes = allowed.get();
        List<ReviewItem> items = kind == QueueKind.REPORTED ? reported(scopes, after, limit)
                : comments.get().review(ReviewQuery.queue(scopes, switch (kind) {
                    case PENDING -> ReviewQueue.PENDING;
                    case FLAGGED -> ReviewQueue.FLAGGED;
                    case APPROVED -> ReviewQueue.APPROVED;
                    default -> ReviewQueue.REJECTED;
                }, after, limit));
        List<CommentId> ids = items.stream().map(ReviewItem::id).toList();
        Map<String, Voices> open = db.read(h -> reports.openVoices(h, ids));
        Map<CommentId, Voices> votes = comments.get().voteVoices(ids);
        List<CaseSummary> cases = items.stream().map(item -> new CaseSummary(item, open.getOrDefault(item.id().value(), Voices.NONE),
                votes.get(item.id()))).toList();
        Optional<CommentId> next = items.size() == limit ? Optional.of(items.getLast().id()) : Optional.empty();
        return new QueuePage(kind, cases, next);
    }

    CaseFile caseFile(StaffUser who, CommentId id) {
        ReviewItem item = inScope(who, List.of(id)).getFirst();
        List<ReviewItem> conversation = comments.get().conversation(id);
        List<Report> reported = db.read(h -> reports.forComment(h, id));
        Voices reporters = db.read(h -> reports.allVoices(h, List.of(id))).getOrDefault(id.value(), Voices.NONE);
        return new CaseFile(item, conversation, reported, reporters, comments.get().voteVoices(List.of(id)).get(id),
                author(who, item));
    }

    /** The comments, each checked against the moderator's scope: 404 for unknown, 403 for out of scope. */
    List<ReviewItem> inScope(StaffUser who, List<CommentId> ids) {
        List<ReviewItem> found = comments.get().review(ReviewQuery.ids(List.of(), ids));
        List<ReviewItem> ordered = new ArrayList<>();
        for (CommentId id : ids) {
            ReviewItem item = found.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() ->
                    new ParleyException.NotFound(CommentProblem.UNKNOWN_COMMENT, "There is no comment " + id + "."));
            if (!who.mayModerate(item.site(), item.section())) {
                throw new ParleyException.Forbidden(ModerationProblem.OUT_OF_SCOPE, "Comment " + id + " is on site '" + item.site()
                        + "'" + item.section().map(s -> ", section '" + s + "'").orElse("") + ", which you do not moderate.");
            }
            ordered.add(item);
        }
        return ordered;
    }

    /**
     * The author's record as {@code who} may read it. The counts are the site's: bare numbers, with no text,
     * reporter, moderator or comment of another section behind them, and what a moderator needs to tell a
     * repeat offender. The details are bounded by {@code who}'s scope: the sanctions that hold site-wide or in
     * a section they moderate (a site-wide one holds in theirs too), and the actions on the commenter and
     * their comments that the audit log shows them (see {@link AuditReader}).
     */
    private AuthorRecord author(StaffUser who, ReviewItem item) {
        List<AuditEntry> history = audit.read(who, new AuditQuery(List.of(item.site()), Optional.empty(), Optional.empty(),
                Optional.of(item.author().value()), Optional.empty(), Optional.empty(), Optional.empty(), HISTORY));
        List<Sanction> visible = sanctions.of(item.site(), item.author()).stream()
                .filter(sanction -> sanction.section().isEmpty() || who.mayModerate(item.site(), sanction.section()))
                .toList();
        return new AuthorRecord(item.author(), item.authorName(), comments.get().authorStats(item.site(), item.author()),
                db.read(h -> reports.againstAuthor(h, item.site(), item.author())),
                identity.blockersSince(item.author(), item.site(), Instant.EPOCH), visible, history);
    }

    private List<ReviewItem> reported(List<ReviewScope> scopes, Optional<CommentId> after, int limit) {
        List<CommentId> ids = db.read(h -> reports.openComments(h, scopes, after, limit));
        List<ReviewItem> found = comments.get().review(ReviewQuery.ids(scopes, ids));
        return ids.stream().flatMap(id -> found.stream().filter(i -> i.id().equals(id))).toList();
    }

    /**
     * The moderator's scopes as review scopes, narrowed to {@code site}: an empty list means everywhere
     * (an admin without a site filter); no value means the site is outside their scope.
     */
    static Optional<List<ReviewScope>> scopes(StaffUser who, Optional<SiteId> site) {
        if (who.isAdmin()) {
            return Optional.of(site.map(s -> List.of(new ReviewScope(s, Optional.empty()))).orElse(List.of()));
        }
        List<ReviewScope> mine = new ArrayList<>();
        for (Scope scope : who.scopes()) {
            if (site.isEmpty() || site.get().equals(scope.site())) {
                mine.add(new ReviewScope(scope.site(), scope.coversWholeSite() ? Optional.empty() : Optional.of(scope.section())));
            }
        }
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine);
    }
}
