package org.parley.comments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.parley.http.ParleyException;
import org.parley.media.ImageId;
import org.parley.store.Database;

/**
 * Moderators' decisions on single comments ({@link Comments#moderate}): approve, reject with a note, close the review,
 * feature, take an image off. Each joins the caller's transaction, so the audit entry that records it commits with it.
 */
final class CommentDecisions {

    private final Database db;
    private final Clock clock;
    private final PageRepository pages;
    private final CommentRepository comments;
    private final CommentImageRepository images;
    private final RevisionRepository revisions;
    private final Attachments attachments;
    private final Consumer<CommentEvent> afterCommit;

    CommentDecisions(Database db, Clock clock, PageRepository pages, CommentRepository comments, CommentImageRepository images,
                     RevisionRepository revisions, Attachments attachments, Consumer<CommentEvent> afterCommit) {
        this.db = db;
        this.clock = clock;
        this.pages = pages;
        this.comments = comments;
        this.images = images;
        this.revisions = revisions;
        this.attachments = attachments;
        this.afterCommit = afterCommit;
    }

    /** See {@link Comments#moderate}. */
    Moderated moderate(CommentId id, ModerationChange change) {
        Instant now = clock.instant();
        return db.write(h -> {
            comments.lock(h, id.value()); // an author's edit waits, or is waited for: never half of each
            CommentRow row = comments.withImages(h, comments.find(h, id.value()).orElseThrow(() -> Comments.unknownComment(id)).row());
            if (row.status() == CommentStatus.DELETED) {
                throw new ParleyException.Conflict(CommentProblem.COMMENT_DELETED, "Comment " + id + " was deleted by its author.");
            }
            return switch (change) {
                case ModerationChange.Approve approve -> {
                    refuseIfEditedSince(h, id, approve.seenEdits());
                    yield decide(h, row, withDecision(row, CommentStatus.PUBLISHED, Optional.empty(), row.featured()), now);
                }
                case ModerationChange.Reject reject -> decide(h, row, withDecision(row, CommentStatus.REJECTED, reject.note(), false), now);
                case ModerationChange.CloseReview close -> decide(h, row, row, now);
                case ModerationChange.Feature feature ->
                        decide(h, row, withDecision(row, row.status(), row.authorNote(), feature.featured()), now);
                case ModerationChange.RemoveImage remove -> removeImage(h, row, remove.image(), now);
            };
        });
    }

    private void refuseIfEditedSince(Handle h, CommentId id, Optional<Integer> seenEdits) {
        int edits = revisions.count(h, id.value());
        if (seenEdits.isPresent() && seenEdits.get() != edits) {
            throw new ParleyException.Conflict(CommentProblem.CHANGED_SINCE_READ, "Comment " + id
                    + " was edited by its author after you opened it; read its new text before approving it.");
        }
    }

    /** Stores a moderator's decision on a comment's status, note or highlight. */
    private Moderated decide(Handle h, CommentRow row, CommentRow after, Instant now) {
        comments.moderate(h, row.id(), after.status(), false, after.authorNote(), after.featured());
        int delta = (after.isPublished() ? 1 : 0) - (row.isPublished() ? 1 : 0);
        String kind = after.featured() != row.featured() ? "featured"
                : after.status() == row.status() ? "reviewed"
                : after.isPublished() ? "approved" : "rejected";
        return recorded(h, row, after, delta, kind, now);
    }

    /** Records a moderator's change on the comment's page (live readers follow) and returns it before and after. */
    private Moderated recorded(Handle h, CommentRow row, CommentRow after, int delta, String kind, Instant now) {
        long version = pages.recordChange(h, row.pageId(), delta, kind, row.id(), now);
        afterCommit.accept(new CommentEvent.CommentModerated(row.pageId(), version, new CommentId(row.id())));
        PageRow page = pages.find(h, row.pageId()).orElseThrow();
        return new Moderated(page.siteId(), page.page().key(), row.view(0), after.view(0));
    }

    private Moderated removeImage(Handle h, CommentRow row, ImageId image, Instant now) {
        if (!images.remove(h, row.id(), image)) {
            throw new ParleyException.NotFound(CommentProblem.UNKNOWN_COMMENT_IMAGE,
                    "Comment " + row.id() + " does not show image " + image + ".");
        }
        CommentRow after = row.withImages(row.images().stream().filter(shown -> !shown.id().equals(image)).toList());
        Moderated moderated = recorded(h, row, after, 0, "image-removed", now);
        attachments.releaseAfterCommit(List.of(image));
        return moderated;
    }

    private static CommentRow withDecision(CommentRow row, CommentStatus status, Optional<String> note, boolean featured) {
        return new CommentRow(row.id(), row.pageId(), row.parentId(), row.depth(), row.authorId(), row.authorName(),
                row.authorBadges(), row.html(), status, row.createdAt(), row.editedAt(), row.up(), row.down(), featured, note, row.images());
    }

}
