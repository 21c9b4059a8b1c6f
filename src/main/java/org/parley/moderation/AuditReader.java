package org.parley.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.parley.comments.CommentId;
import org.parley.comments.Comments;
import org.parley.comments.ReviewQuery;
import org.parley.sites.SiteId;
import org.parley.staff.Scope;
import org.parley.staff.StaffUser;
import org.parley.store.Database;

/**
 * The audit log as one staff member may read it. Admins and site-wide moderators see everything on their
 * sites; a moderator of some sections of a site sees, there, what was done to comments in those sections
 * and what they did themselves — not the reasons and before/after states of cases they may not open.
 */
final class AuditReader {

    /** Entries read per round while filtering for a section moderator. */
    private static final int BATCH = 200;

    private final Database db;
    private final AuditRepository audit;
    private final Supplier<Comments> comments;

    AuditReader(Database db, AuditRepository audit, Supplier<Comments> comments) {
        this.db = db;
        this.audit = audit;
        this.comments = comments;
    }

    List<AuditEntry> read(StaffUser who, AuditQuery query) {
        List<SiteId> sites = who.isAdmin() ? query.sites()
                : who.scopes().stream().map(Scope::site).distinct()
                        .filter(site -> query.sites().isEmpty() || query.sites().contains(site)).toList();
        if (!who.isAdmin() && sites.isEmpty()) {
            return List.of();
        }
        if (sites.stream().allMatch(site -> who.mayModerate(site, Optional.empty()))) {
            return db.read(h -> audit.find(h, withSites(query, sites, query.before(), query.limit())));
        }
        List<AuditEntry> visible = new ArrayList<>();
        Optional<String> before = query.before();
        while (visible.size() < query.limit()) {
            AuditQuery round = withSites(query, sites, before, BATCH);
            List<AuditEntry> batch = db.read(h -> audit.find(h, round));
            Set<String> allowed = commentsInScope(who, batch);
            batch.stream()
                    .filter(e -> who.mayModerate(e.site(), Optional.empty()) || e.actorId().equals(who.id().value())
                            || e.targetKind().equals("comment") && allowed.contains(e.targetId()))
                    .limit(query.limit() - visible.size())
                    .forEach(visible::add);
            if (batch.size() < BATCH) {
                break;
            }
            before = Optional.of(batch.getLast().id());
        }
        return visible;
    }

    /** Of the comments the entries name, those on pages {@code who} moderates. */
    private Set<String> commentsInScope(StaffUser who, List<AuditEntry> entries) {
        List<CommentId> ids = entries.stream().filter(e -> e.targetKind().equals("comment") && CommentId.isValid(e.targetId()))
                .map(e -> new CommentId(e.targetId())).distinct().toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Casework.scopes(who, Optional.empty())
                .map(scopes -> comments.get().review(ReviewQuery.ids(scopes, ids)).stream()
                        .map(item -> item.id().value()).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    private static AuditQuery withSites(AuditQuery query, List<SiteId> sites, Optional<String> before, int limit) {
        return new AuditQuery(sites, query.action(), query.actor(), query.target(), query.from(), query.to(), before, limit);
    }
}
