package org.parley.comments;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.http.EncodedBody;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.Vendor;

/**
 * The read side of threads: pages, replies and single comments, served from the shared read model and
 * turned into a reader's own view when theirs differs from the public one (blocks, own held comments).
 */
final class ThreadReads {

    private final Database db;
    private final Sites sites;
    private final Identity identity;
    private final ThreadReadModel readModel;
    private final CommentRepository comments;
    private final CommentsConfig config;

    ThreadReads(Database db, Sites sites, Identity identity, ThreadReadModel readModel, CommentRepository comments,
                CommentsConfig config) {
        this.db = db;
        this.sites = sites;
        this.identity = identity;
        this.readModel = readModel;
        this.comments = comments;
        this.config = config;
    }

    /**
     * A page of a thread as {@code viewer} sees it (empty: an anonymous reader): up to {@code limit}
     * top-level comments in {@code sort} order after {@code after} (a cursor from a previous page), each
     * with its first replies. A reader also sees their own held or rejected comments, and comments of
     * readers they blocked only as collapsed placeholders. An unknown page reads as an open, empty
     * thread. Throws a 400 problem for a cursor Parley did not issue.
     */
    ThreadPage thread(SiteId siteId, PageKey key, Sort sort, Optional<String> after, int limit,
                             Optional<ReaderId> viewer) {
        Site site = sites.require(siteId.value());
        Optional<Cursor> cursor = after.map(text -> Cursor.decode(text, 't'));
        return shared(siteId, key, viewer)
                .map(shared -> page(site, asSeenBy(shared, viewer), sort, cursor, limit))
                .orElseGet(() -> new ThreadPage(site, Page.unknown(key), sort, List.of(), Optional.empty()));
    }

    /** The replies to a comment after {@code after} (oldest first) as {@code viewer} sees them. */
    ReplyPage replies(SiteId site, CommentId parentId, Optional<String> after, int limit, Optional<ReaderId> viewer) {
        Cursor cursor = after.map(text -> Cursor.decode(text, 'r')).orElse(Cursor.FIRST_REPLY);
        ThreadSnapshot snapshot = asSeenBy(snapshotOf(site, stored(parentId), viewer), viewer);
        ThreadSnapshot.Node parent = snapshot.node(parentId.value()).orElseThrow(() -> Comments.unknownComment(parentId));
        var slice = snapshot.replies(parent, cursor, limit, preview());
        return new ReplyPage(parentId, slice.nodes(), slice.next());
    }

    /**
     * One comment with its markdown source, for its author's edit form: a published comment, or one that
     * only {@code viewer} sees because they wrote it (held, or rejected with the moderators' note).
     */
    CommentWithSource comment(SiteId site, CommentId id, Optional<ReaderId> viewer) {
        CommentRepository.StoredComment stored = stored(id);
        Lens lens = viewer.map(v -> new Lens(Optional.of(v.value()), Set.of())).orElse(Lens.PUBLIC);
        if (!lens.shows(stored.row())) {
            throw Comments.unknownComment(id);
        }
        ThreadSnapshot snapshot = snapshotOf(site, stored, viewer);
        ThreadSnapshot seen = stored.row().isPublished() ? snapshot : snapshot.through(lens);
        Comment comment = seen.node(id.value()).map(node -> node.comment).orElseThrow(() -> Comments.unknownComment(id));
        return new CommentWithSource(comment, stored.markdown());
    }

    /** An encoded thread page, and whether it is personal to its viewer (then never shared by caches). */
    record Body(EncodedBody body, boolean personal) {
    }

    /**
     * The thread page encoded by {@code encoder}. The public view, and the view readers who blocked the same
     * commenters of the page share, are memoized per page version, sort, cursor and size; a viewer with held
     * or refused comments of their own on the page gets a fresh encoding.
     */
    Body body(SiteId siteId, PageKey key, Sort sort, Optional<String> after, int limit,
                          Optional<ReaderId> viewer, Function<ThreadPage, EncodedBody> encoder) {
        Site site = sites.require(siteId.value());
        Optional<Cursor> cursor = after.map(text -> Cursor.decode(text, 't'));
        Optional<ThreadSnapshot> shared = shared(siteId, key, viewer);
        if (shared.isEmpty()) {
            return new Body(encoder.apply(new ThreadPage(site, Page.unknown(key), sort, List.of(), Optional.empty())), false);
        }
        ThreadSnapshot seen = asSeenBy(shared.get(), viewer);
        boolean personal = seen != shared.get();
        if (!seen.shared()) {
            return new Body(encoder.apply(page(site, seen, sort, cursor, limit)), personal);
        }
        // The public view, or the view every reader who blocked the same commenters here shares.
        String variant = sort.apiName() + '|' + limit + '|' + after.orElse("");
        return new Body(seen.encoded().computeIfAbsent(variant, v -> encoder.apply(page(site, seen, sort, cursor, limit))), personal);
    }

    private ThreadPage page(Site site, ThreadSnapshot snapshot, Sort sort, Optional<Cursor> cursor, int limit) {
        var slice = snapshot.topLevel(sort, cursor, limit, preview());
        return new ThreadPage(site, snapshot.page().page(), sort, slice.nodes(), slice.next());
    }

    /**
     * The page's shared snapshot. Several nodes may serve one PostgreSQL database: a known reader's is
     * checked against what is stored, so what they just wrote through another node is there (read your
     * writes); anonymous readers get the cached one, at most a moment behind.
     */
    private Optional<ThreadSnapshot> shared(SiteId site, PageKey key, Optional<ReaderId> viewer) {
        return readsOwnWrites(viewer) ? readModel.storedSnapshot(site, key) : readModel.snapshot(site, key);
    }

    /** A known reader on a database other nodes may write to: their reads check what is stored. */
    private boolean readsOwnWrites(Optional<ReaderId> viewer) {
        return viewer.isPresent() && db.vendor() == Vendor.POSTGRESQL;
    }

    /** The shared snapshot, or the viewer's own view of it when theirs differs from the public one. */
    private ThreadSnapshot asSeenBy(ThreadSnapshot shared, Optional<ReaderId> viewer) {
        if (viewer.isEmpty()) {
            return shared;
        }
        Lens lens = new Lens(Optional.of(viewer.get().value()),
                identity.blocked(viewer.get()).stream().map(ReaderId::value).collect(Collectors.toSet()));
        return shared.seenThrough(lens);
    }

    private ThreadSnapshot.Preview preview() {
        return new ThreadSnapshot.Preview(config.repliesPerComment(), config.inlineReplyLevels());
    }

    private CommentRepository.StoredComment stored(CommentId id) {
        return db.read(h -> comments.find(h, id.value())).orElseThrow(() -> Comments.unknownComment(id));
    }

    /** The snapshot holding a stored comment, checked against what is stored as {@link #shared} says. */
    private ThreadSnapshot snapshotOf(SiteId site, CommentRepository.StoredComment stored, Optional<ReaderId> viewer) {
        PageId page = stored.row().pageId();
        CommentId id = new CommentId(stored.row().id());
        ThreadSnapshot snapshot = readsOwnWrites(viewer) ? readModel.storedSnapshot(page) : readModel.snapshotWith(page, id);
        if (!snapshot.page().siteId().equals(site)) {
            throw Comments.unknownComment(id);
        }
        return snapshot;
    }
}
