package org.parley.comments;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.sites.Site;
import org.parley.store.Database;

/**
 * An author's changes to their own comment, published or still held, while the site's edit window is
 * open. An edit is screened exactly like a new comment (the same {@link Gate}, as a
 * {@link Submission} that says what it replaces), so it may publish, send the comment back to a
 * moderator, or be refused; the text it replaces is kept as a {@link Revision} for moderators. A delete
 * erases the comment. Each change is one transaction: a refused edit leaves the comment as it was.
 */
final class CommentEdits {

    private final Database db;
    private final Gate screening;
    private final PageRepository pages;
    private final CommentRepository comments;
    private final CommentImageRepository images;
    private final RevisionRepository revisions;
    private final Attachments attachments;
    private final Consumer<CommentEvent> announce;

    /** {@code announce}, called inside the changing transaction, publishes an event once it has committed. */
    CommentEdits(Database db, Gate screening, PageRepository pages, CommentRepository comments,
                 CommentImageRepository images, RevisionRepository revisions, Attachments attachments,
                 Consumer<CommentEvent> announce) {
        this.db = db;
        this.screening = screening;
        this.pages = pages;
        this.comments = comments;
        this.images = images;
        this.revisions = revisions;
        this.attachments = attachments;
        this.announce = announce;
    }

    /**
     * Replaces the comment's text with {@code body} (already checked and rendered as {@code html}) if
     * screening lets it through: published, or held for a moderator (it then leaves public view). Throws
     * 4xx problems when the page is closed, the author is banned, suspended or editing too fast, or
     * screening rejects the new text; nothing changes then.
     */
    EditOutcome edit(Site site, ReaderId author, CommentId id, Markdown body, SafeHtml html, String clientAddress, Instant now) {
        screening.prepare(site.id(), body, html);
        return changeOwn(site, author, id, now, (h, stored, page) -> {
            CommentRow before = comments.withImages(h, stored.row());
            CommentRules.requireVisible(html, !before.images().isEmpty());
            if (!page.page().open()) {
                throw new ParleyException.Conflict(CommentProblem.PAGE_CLOSED, "Page '" + page.page().key()
                        + "' is closed to comments, so its comments can no longer be edited; comment " + id + " stays as it was.");
            }
            Verdict verdict = screening.screen(submission(h, page, stored, before, body, html, clientAddress, now));
            if (verdict.status() == CommentStatus.REJECTED) {
                throw new ParleyException.InvalidInput(CommentProblem.EDIT_REJECTED, verdict.authorMessage()
                        .orElse("This site does not publish the new text; comment " + id + " stays as it was."));
            }
            verdict.records().run();
            // A review a moderator had yet to do stays open: the edit must not clear a comment off their queue.
            String review = verdict.needsReview() || stored.review().equals("open") ? "open" : stored.review();
            revisions.insert(h, id.value(), stored.markdown(), before.status(), stored.approved(), now);
            comments.revise(h, id.value(), body, html, now, verdict, review);
            boolean published = verdict.status() == CommentStatus.PUBLISHED;
            int delta = (published ? 1 : 0) - (before.isPublished() ? 1 : 0);
            // "held": the comment left public view; "released": a held comment's edit was published.
            String kind = delta < 0 ? "held" : delta > 0 ? "released" : "edited";
            long version = pages.recordChange(h, before.pageId(), delta, kind, id.value(), now);
            CommentRow row = comments.find(h, id.value()).orElseThrow().row().withImages(before.images());
            return new Change(Optional.of(new CommentEvent.CommentEdited(before.pageId(), version, id)),
                    new EditOutcome.Edited(row.view(comments.publishedReplies(h, id.value()))));
        });
    }

    /**
     * Deletes the comment, published or held. Its text, earlier texts and images are erased (an image no
     * other comment shows leaves storage); when replies hang from it, a "deleted" placeholder keeps their place.
     */
    EditOutcome delete(Site site, ReaderId author, CommentId id, Instant now) {
        return changeOwn(site, author, id, now, (h, stored, page) -> {
            comments.markDeleted(h, id.value(), now);
            revisions.removeAll(h, id.value());
            attachments.releaseAfterCommit(images.removeAll(h, id.value()));
            int delta = stored.row().isPublished() ? -1 : 0;
            long version = pages.recordChange(h, page.id(), delta, "deleted", id.value(), now);
            return new Change(Optional.of(new CommentEvent.CommentRemoved(page.id(), version, id)),
                    new EditOutcome.Removed(id, comments.hasPublishedDescendant(h, id.value())));
        });
    }

    /** The edit as screening sees it: the comment's own place and author, the new text, what it replaces. */
    private Submission submission(Handle h, PageRow page, CommentRepository.StoredComment stored, CommentRow before,
                                  Markdown body, SafeHtml html, String clientAddress, Instant now) {
        Optional<CommentId> parentId = before.parentId().map(CommentId::new);
        Optional<ReaderId> parentAuthor = before.parentId().flatMap(parent -> comments.find(h, parent))
                .map(parent -> new ReaderId(parent.row().authorId()));
        // Judged as if posted now, so the author's standing leaves this comment out, as it did when it was new.
        int published = comments.publishedOnSite(h, before.authorId(), page.siteId()) - (before.isPublished() ? 1 : 0);
        return new Submission(new CommentId(before.id()), page.siteId(), page.page().key(), page.page().section(),
                new ReaderId(before.authorId()), before.authorName(), body, html, parentId, parentAuthor, clientAddress, now,
                published, before.images().size(),
                Optional.of(new Submission.Edit(stored.markdown(), before.isPublished(), stored.approved())));
    }

    /** What an author's attempt led to, and the event to publish when something changed. */
    private record Change(Optional<CommentEvent> event, EditOutcome outcome) {
        static Change refused(EditOutcome outcome) {
            return new Change(Optional.empty(), outcome);
        }
    }

    private interface OwnChange {
        Change apply(Handle h, CommentRepository.StoredComment stored, PageRow page);
    }

    /**
     * Runs {@code change} on the author's own comment on this site if it may still be changed: not someone
     * else's, not deleted, not rejected by moderation (its author sees why; a new comment is the way on),
     * and inside the edit window.
     */
    private EditOutcome changeOwn(Site site, ReaderId author, CommentId id, Instant now, OwnChange change) {
        Change result = db.write(h -> {
            comments.lock(h, id.value());
            var stored = comments.find(h, id.value()).orElseThrow(() -> Comments.unknownComment(id));
            PageRow page = pages.find(h, stored.row().pageId()).orElseThrow();
            if (!page.siteId().equals(site.id())) {
                throw Comments.unknownComment(id);
            }
            if (!stored.row().authorId().equals(author.value())) {
                return Change.refused(new EditOutcome.NotYours(id));
            }
            switch (stored.row().status()) {
                case DELETED -> throw new ParleyException.Conflict(CommentProblem.COMMENT_DELETED, "Comment " + id + " was already deleted.");
                case REJECTED -> throw new ParleyException.Conflict(CommentProblem.COMMENT_REJECTED, "Comment " + id
                        + " was not published by moderation, so it can no longer be changed; write a new comment instead.");
                case PUBLISHED, PENDING, BLOCKED -> {
                }
            }
            Instant closesAt = Instant.ofEpochMilli(stored.row().createdAt()).plus(site.editWindow());
            if (now.isAfter(closesAt)) {
                return Change.refused(new EditOutcome.WindowClosed(id, closesAt));
            }
            Change changed = change.apply(h, stored, page);
            changed.event().ifPresent(announce);
            return changed;
        });
        return result.outcome();
    }
}
