package org.parley.comments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.parley.http.EncodedBody;

/**
 * The read model of one page at one version: every visible comment, linked into a tree, with the
 * top-level order for each sort computed on first use. Immutable once built, so any number of readers
 * share it; a change to the page produces a new snapshot. Also memoizes the encoded responses built
 * from it, which are valid exactly as long as the snapshot is.
 */
final class ThreadSnapshot {

    static final int MAX_BLOCKED_VIEWS = 64;

    /** A comment in the tree with its visible replies, oldest first. */
    static final class Node {
        final CommentRow row;
        final List<Node> children = new ArrayList<>();
        Comment comment;

        Node(CommentRow row) {
            this.row = row;
        }
    }

    private static final Comparator<Cursor> RANK_ORDER = Comparator
            .comparingDouble(Cursor::primary).reversed()
            .thenComparing(Comparator.comparingLong(Cursor::time).reversed())
            .thenComparing(Cursor::id);

    private static final Comparator<Cursor> REPLY_ORDER = Comparator
            .comparingLong(Cursor::time)
            .thenComparing(Cursor::id);

    private final PageRow page;
    private final Map<String, Node> byId;
    private final List<Node> roots;
    private final List<CommentRow> rows;
    private final Lens lens;
    private final Map<Sort, List<Node>> sorted = new ConcurrentHashMap<>();
    private final Map<String, EncodedBody> encoded = new ConcurrentHashMap<>();
    private final Map<Set<String>, ThreadSnapshot> blockedViews = new ConcurrentHashMap<>();
    /** Worked out on first need; a race only computes the same set twice. */
    private volatile Set<String> publishedAuthors;
    private volatile Set<String> ownHidden;

    private ThreadSnapshot(PageRow page, Map<String, Node> byId, List<Node> roots, List<CommentRow> rows, Lens lens) {
        this.page = page;
        this.byId = byId;
        this.roots = roots;
        this.rows = rows;
        this.lens = lens;
    }

    /**
     * Builds the tree from a page's comments in creation order, as seen through {@code lens}. A comment
     * the reader may not see stays only as a placeholder above replies they may see; with nothing
     * visible below it, it disappears.
     */
    static ThreadSnapshot build(PageRow page, List<CommentRow> rowsOldestFirst, Lens lens) {
        Map<String, Node> all = new HashMap<>(rowsOldestFirst.size() * 2);
        rowsOldestFirst.forEach(row -> all.put(row.id(), new Node(row)));
        List<Node> roots = new ArrayList<>();
        for (CommentRow row : rowsOldestFirst) {
            Node parent = row.parentId().map(all::get).orElse(null);
            (parent != null ? parent.children : roots).add(all.get(row.id()));
        }
        // Decide visibility bottom-up: every reply is deeper than its parent, so deepest first.
        List<Node> deepestFirst = new ArrayList<>(all.values());
        deepestFirst.sort(Comparator.comparingInt((Node node) -> node.row.depth()).reversed());
        Map<String, Node> visible = new HashMap<>(all.size() * 2);
        for (Node node : deepestFirst) {
            node.children.removeIf(child -> !visible.containsKey(child.row.id()));
            if (lens.shows(node.row) || !node.children.isEmpty()) {
                node.comment = lens.present(node.row, node.children.size());
                visible.put(node.row.id(), node);
            }
        }
        roots.removeIf(root -> !visible.containsKey(root.row.id()));
        return new ThreadSnapshot(page, visible, roots, rowsOldestFirst, lens);
    }

    /** The public view of a page: what every reader without blocks or hidden comments of their own sees. */
    static ThreadSnapshot build(PageRow page, List<CommentRow> rowsOldestFirst) {
        return build(page, rowsOldestFirst, Lens.PUBLIC);
    }

    /**
     * This page as {@code lens} sees it, sharing the work among readers. The public view itself when the
     * lens changes nothing here; when the reader blocked some of the page's commenters and has no comments
     * here only they can see, one view per set of those commenters, kept with this snapshot (readers who
     * blocked the same people share it and its encoded responses; at most {@value #MAX_BLOCKED_VIEWS}
     * sets are kept); otherwise a view of the reader's own.
     */
    ThreadSnapshot seenThrough(Lens lens) {
        if (lens.viewerId().isPresent() && ownHidden().contains(lens.viewerId().get())) {
            return through(lens);
        }
        Set<String> publishedHere = publishedAuthors();
        Set<String> blockedHere = lens.blockedIds().stream().filter(publishedHere::contains).collect(Collectors.toUnmodifiableSet());
        if (blockedHere.isEmpty()) {
            return this;
        }
        ThreadSnapshot kept = blockedViews.get(blockedHere);
        if (kept != null) {
            return kept;
        }
        ThreadSnapshot view = through(new Lens(Optional.empty(), blockedHere));
        if (blockedViews.size() < MAX_BLOCKED_VIEWS) {
            kept = blockedViews.putIfAbsent(blockedHere, view);
        }
        return kept != null ? kept : view;
    }

    /** True when this view is the same for every reader who gets it (the public one, or a blocked set's). */
    boolean shared() {
        return lens.viewerId().isEmpty();
    }

    private Set<String> publishedAuthors() {
        Set<String> authors = publishedAuthors;
        if (authors == null) {
            publishedAuthors = authors = authorsOf(CommentRow::isPublished);
        }
        return authors;
    }

    /** Authors with comments here that only they see (held, or refused with a note). */
    private Set<String> ownHidden() {
        Set<String> authors = ownHidden;
        if (authors == null) {
            ownHidden = authors = authorsOf(row -> row.status() == CommentStatus.PENDING || row.status() == CommentStatus.REJECTED);
        }
        return authors;
    }

    private Set<String> authorsOf(Predicate<CommentRow> rowsWanted) {
        return rows.stream().filter(rowsWanted).map(CommentRow::authorId).collect(Collectors.toUnmodifiableSet());
    }

    /** This page as {@code lens} sees it; its comment count leaves out comments by readers it blocked. */
    ThreadSnapshot through(Lens lens) {
        long hidden = rows.stream().filter(row -> row.isPublished() && lens.blockedIds().contains(row.authorId())).count();
        Page shown = page.page();
        Page counted = new Page(shown.key(), shown.title(), shown.url(), shown.byline(), shown.section(),
                shown.publishedAt(), shown.open(), (int) Math.max(0, shown.commentCount() - hidden), shown.version());
        return build(new PageRow(page.id(), page.siteId(), counted), rows, lens);
    }

    PageRow page() {
        return page;
    }

    long version() {
        return page.page().version();
    }

    Optional<Node> node(String commentId) {
        return Optional.ofNullable(byId.get(commentId));
    }

    Lens lens() {
        return lens;
    }

    /** Memo of encoded responses for this version, keyed by the request variant. */
    Map<String, EncodedBody> encoded() {
        return encoded;
    }

    /** Up to {@code limit} top-level comments in {@code sort} order after {@code after}, each with reply previews. */
    Slice topLevel(Sort sort, Optional<Cursor> after, int limit, Preview preview) {
        List<Node> order = sorted.computeIfAbsent(sort, this::sortRoots);
        int from = after.map(cursor -> firstAfter(order, cursor, node -> rankKey(node, sort), RANK_ORDER)).orElse(0);
        return slice(order, from, limit, preview, node -> rankKey(node, sort));
    }

    /** Up to {@code limit} replies of {@code parent} after {@code after}, oldest first. */
    Slice replies(Node parent, Cursor after, int limit, Preview preview) {
        int from = firstAfter(parent.children, after, ThreadSnapshot::replyKey, REPLY_ORDER);
        return slice(parent.children, from, limit, preview, ThreadSnapshot::replyKey);
    }

    /** How much of the tree below each listed comment to include. */
    record Preview(int repliesPerComment, int levels) {
    }

    record Slice(List<ThreadNode> nodes, Optional<String> next) {
    }

    private Slice slice(List<Node> order, int from, int limit, Preview preview,
                        java.util.function.Function<Node, Cursor> key) {
        int to = Math.min(order.size(), from + limit);
        List<ThreadNode> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            out.add(view(order.get(i), preview, preview.levels()));
        }
        Optional<String> next = to < order.size() && to > from ? Optional.of(key.apply(order.get(to - 1)).encode()) : Optional.empty();
        return new Slice(out, next);
    }

    private ThreadNode view(Node node, Preview preview, int levelsLeft) {
        if (node.children.isEmpty()) {
            return new ThreadNode(node.comment, List.of(), Optional.empty());
        }
        if (levelsLeft <= 0) {
            return new ThreadNode(node.comment, List.of(), Optional.of(Cursor.FIRST_REPLY.encode()));
        }
        int shown = Math.min(preview.repliesPerComment(), node.children.size());
        List<ThreadNode> replies = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            replies.add(view(node.children.get(i), preview, levelsLeft - 1));
        }
        Optional<String> more = shown < node.children.size()
                ? Optional.of(replyKey(node.children.get(shown - 1)).encode())
                : Optional.empty();
        return new ThreadNode(node.comment, replies, more);
    }

    private List<Node> sortRoots(Sort sort) {
        List<Node> order = new ArrayList<>(roots);
        order.sort(Comparator.comparing(node -> rankKey(node, sort), RANK_ORDER));
        return Collections.unmodifiableList(order);
    }

    static Cursor rankKey(Node node, Sort sort) {
        CommentRow row = node.row;
        return switch (sort) {
            case BEST -> new Cursor('t', sort, Ranking.wilsonLowerBound(row.up(), row.down()), row.createdAt(), row.id());
            case CONTROVERSIAL -> new Cursor('t', sort, Ranking.controversy(row.up(), row.down()), row.createdAt(), row.id());
            case NEWEST -> new Cursor('t', sort, 0, row.createdAt(), row.id());
            case OLDEST -> new Cursor('t', sort, 0, -row.createdAt(), row.id());
        };
    }

    static Cursor replyKey(Node node) {
        return new Cursor('r', Sort.OLDEST, 0, node.row.createdAt(), node.row.id());
    }

    /** Index of the first element ordered strictly after {@code cursor}: a binary search on the keys. */
    private static int firstAfter(List<Node> order, Cursor cursor, java.util.function.Function<Node, Cursor> key,
                                  Comparator<Cursor> comparator) {
        int low = 0;
        int high = order.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (comparator.compare(key.apply(order.get(mid)), cursor) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
