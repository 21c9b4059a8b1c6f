package org.parley.comments;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.parley.identity.ReaderId;
import org.parley.store.Database;

/**
 * A reader's comments as theirs: exported for them, taken away or left behind unsigned when they leave, and
 * joined to the account they sign in to from the guest that wrote them. Every change bumps its page's version
 * and tells live readers, as a moderator's or author's change does.
 */
final class AuthorData {

    private final Database db;
    private final Clock clock;
    private final PageRepository pages;
    private final CommentRepository comments;
    private final CommentImageRepository images;
    private final RevisionRepository revisions;
    private final Attachments attachments;
    private final Consumer<CommentEvent> afterCommit;
    private final AuthorDataRepository repository = new AuthorDataRepository();

    AuthorData(Database db, Clock clock, PageRepository pages, CommentRepository comments, CommentImageRepository images,
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

    Map<String, Object> export(ReaderId reader) {
        return db.read(h -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("comments", repository.comments(h, reader.value()));
            out.put("votes", repository.votes(h, reader.value()));
            return out;
        });
    }

    /** Deletes every comment of {@code reader} as its author would (replies keep their place); returns how many. */
    int remove(ReaderId reader) {
        Instant now = clock.instant();
        return db.write(h -> {
            var shown = repository.notDeleted(h, reader.value());
            for (AuthorDataRepository.Shown comment : shown) {
                comments.markDeleted(h, comment.id(), now);
                revisions.removeAll(h, comment.id());
                attachments.releaseAfterCommit(images.removeAll(h, comment.id()));
                long version = pages.recordChange(h, comment.pageId(), comment.published() ? -1 : 0, "deleted", comment.id(), now);
                afterCommit.accept(new CommentEvent.CommentRemoved(comment.pageId(), version, new CommentId(comment.id())));
            }
            return shown.size();
        });
    }

    /**
     * Gives every comment (and, with {@code votes}, every vote) of {@code from} to {@code to}, shown under {@code name};
     * returns how many comments moved.
     */
    int reassign(ReaderId from, ReaderId to, Optional<String> name, boolean votes) {
        Instant now = clock.instant();
        return db.write(h -> reassign(h, from, to, name, votes, now));
    }

    private int reassign(Handle h, ReaderId from, ReaderId to, Optional<String> name, boolean votes, Instant now) {
        var shown = repository.notDeleted(h, from.value());
        repository.reassign(h, from.value(), to.value(), name.orElse(null));
        if (votes) {
            repository.reassignVotes(h, from.value(), to.value());
        }
        for (AuthorDataRepository.Shown comment : shown) {
            long version = pages.recordChange(h, comment.pageId(), 0, "edited", comment.id(), now);
            afterCommit.accept(new CommentEvent.CommentEdited(comment.pageId(), version, new CommentId(comment.id())));
        }
        return shown.size();
    }
}
