package org.parley.comments;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.parley.identity.ReaderId;
import org.jdbi.v3.core.Handle;
import org.parley.http.Json;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.BulkWrite;
import org.parley.store.Database;

/**
 * Stores threads brought from another system's export ({@link Comments#importThread}), and reads a site's threads out
 * for a full export ({@link Comments#exportSite}). Each stored thread is one
 * transaction, its comments cleaned like new ones and kept with their time, status and threading, then one change
 * on the page's log, so caches and live readers on every node learn of it like of any other change.
 */
final class ArchivedThreads {

    /** Why a pending comment waits, as moderators read it in their queue. */
    private static final String HELD_IN_ARCHIVE = Json.text(Json.mapper(), List.of(new Reason("imported", Reason.Level.HOLD,
            "Was awaiting moderation in the system it was imported from.", List.of())));
    private static final String NO_REASONS = "[]";
    private static final ObjectMapper JSON = Json.mapper();
    private static final int EXPORT_PAGES_PER_READ = 500;
    /** SQLite's page cache while an import runs (taken only as it is used), and how far its log grows between copies. */
    private static final int IMPORT_CACHE_MIB = 64;
    private static final int IMPORT_CHECKPOINT_MIB = 256;
    static final String AUTHOR_INDEX = "comments_by_author_page";
    static final long DEFER_AUTHOR_INDEX_FROM = 50_000;

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final PageRepository pages;
    private final CommentRepository comments;
    private final TrailRepository trails = new TrailRepository();
    private final ThreadReadModel readModel;
    private final Consumer<CommentEvent> afterCommit;

    ArchivedThreads(Database db, Clock clock, Sites sites, PageRepository pages, CommentRepository comments,
                    ThreadReadModel readModel, Consumer<CommentEvent> afterCommit) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.pages = pages;
        this.comments = comments;
        this.readModel = readModel;
        this.afterCommit = afterCommit;
    }

    /** Runs an import of about {@code incoming} comments with the database set for it ({@link Comments#importing}). */
    <R> R importing(long incoming, Supplier<R> work) {
        long stored = db.read(comments::countAll);
        return db.bulkWriting(new BulkWrite(IMPORT_CACHE_MIB, IMPORT_CHECKPOINT_MIB,
                leavesAuthorIndexOut(incoming, stored) ? List.of(AUTHOR_INDEX) : List.of()), work);
    }

    /**
     * Whether an import of {@code incoming} comments into a database holding {@code stored} leaves the index of comments
     * by author out until its end. Its entries land all over it, so each comment stored with it costs a page read and
     * written (twenty microseconds of a comment's fifty, for a million); building it again costs under two
     * microseconds per comment stored. So: when the import brings at least a fifth of what is stored, and enough
     * comments to take more than seconds.
     */
    static boolean leavesAuthorIndexOut(long incoming, long stored) {
        return incoming >= DEFER_AUTHOR_INDEX_FROM && incoming * 5 >= stored;
    }

    ImportedThread store(ArchivedThread thread) {
        sites.require(thread.site().value());
        if (thread.comments().isEmpty()) {
            throw new IllegalArgumentException("an archived thread to store needs at least one comment");
        }
        Instant now = clock.instant();
        return db.write(h -> {
            PageRow page = page(h, thread, now);
            Map<String, CommentRow> stored = new HashMap<>();
            Map<String, CommentId> ids = new HashMap<>();
            List<String> emptied = new ArrayList<>();
            List<String> detached = new ArrayList<>();
            List<CommentRepository.ArchivedRow> rows = new ArrayList<>(thread.comments().size());
            int published = 0;
            String last = "";
            for (ArchivedComment archived : thread.comments()) {
                Optional<CommentRow> parent = archived.parentRef().flatMap(ref -> parent(h, thread, page, stored, ref));
                if (archived.parentRef().isPresent() && parent.isEmpty()) {
                    detached.add(archived.ref());
                }
                boolean deleted = archived.status() == CommentStatus.DELETED;
                SafeHtml html = deleted ? new SafeHtml("") : new SafeHtml(archived.html().html());
                String text = deleted ? "" : archived.html().text();
                if (!deleted && !CommentRules.visible(text)) {
                    emptied.add(archived.ref());
                    deleted = true;
                    html = new SafeHtml("");
                    text = "";
                }
                CommentStatus status = deleted ? CommentStatus.DELETED : archived.status();
                String id = db.ids().next("c", now.toEpochMilli());
                CommentRow row = new CommentRow(id, page.id(), parent.map(CommentRow::id), parent.map(p -> p.depth() + 1).orElse(0),
                        archived.author().value(), deleted ? Optional.empty() : archived.authorName(), List.of(), html, status,
                        archived.createdAt().toEpochMilli(), Optional.empty(), archived.up(), archived.down(), false, Optional.empty(), List.of());
                boolean held = status == CommentStatus.PENDING;
                rows.add(new CommentRepository.ArchivedRow(row, new Markdown(text.strip()), held ? "open" : "none",
                        held ? HELD_IN_ARCHIVE : NO_REASONS));
                if (stored.putIfAbsent(archived.ref(), row) != null) {
                    throw new IllegalArgumentException("comment ref " + archived.ref() + " appears twice in one archived thread");
                }
                ids.put(archived.ref(), new CommentId(id));
                published += row.isPublished() ? 1 : 0;
                last = id;
            }
            comments.insertArchived(h, thread.site(), thread.source(), rows);
            long version = pages.recordChange(h, page.id(), published, "imported", last, now);
            afterCommit.accept(new CommentEvent.PageUpdated(page.id(), version));
            return new ImportedThread(page.id(), ids, emptied, detached);
        });
    }

    /**
     * Screens one imported comment: judged outside any transaction (the abuse model takes milliseconds), then what the
     * verdict found is kept under the comment's lock, unless the comment changed meanwhile or holds these signals'
     * reasons already (a run that stopped after keeping them), so a second run adds nothing.
     */
    ScreenedImport screen(CommentId id, Function<Submission, Verdict> judge) {
        Optional<Submission> asked = db.read(h -> comments.find(h, id.value()).filter(ArchivedThreads::unscreened)
                .flatMap(stored -> pages.find(h, stored.row().pageId()).map(page -> submission(page, stored))));
        if (asked.isEmpty()) {
            return ScreenedImport.SKIPPED;
        }
        Verdict verdict = judge.apply(asked.get());
        Instant now = clock.instant();
        return db.write(h -> {
            comments.lock(h, id.value());
            Optional<CommentRepository.StoredComment> stored = comments.find(h, id.value()).filter(ArchivedThreads::unscreened);
            if (stored.isEmpty()) {
                return ScreenedImport.SKIPPED;
            }
            List<Reason> had = new ArrayList<>(readReasons(comments.reasonsJson(h, id.value()).orElse(NO_REASONS)));
            if (had.stream().anyMatch(old -> verdict.reasons().stream().anyMatch(r -> r.signal().equals(old.signal())))) {
                return ScreenedImport.SKIPPED;
            }
            if (verdict.reasons().isEmpty()) {
                return ScreenedImport.CLEAN;
            }
            had.addAll(verdict.reasons());
            boolean held = verdict.decision() == Verdict.Decision.HOLD;
            comments.screened(h, id.value(), held ? CommentStatus.PENDING : CommentStatus.PUBLISHED, verdict.needsReview(),
                    Json.text(JSON, had));
            if (held) {
                CommentRow row = stored.get().row();
                long version = pages.recordChange(h, row.pageId(), -1, "held", row.id(), now);
                afterCommit.accept(new CommentEvent.CommentModerated(row.pageId(), version, id));
            }
            return held ? ScreenedImport.HELD : verdict.needsReview() ? ScreenedImport.FLAGGED : ScreenedImport.CLEAN;
        });
    }

    /** Published, and no moderator has looked at it nor any screening opened its review. */
    private static boolean unscreened(CommentRepository.StoredComment stored) {
        return stored.row().status() == CommentStatus.PUBLISHED && stored.review().equals("none");
    }

    /** An imported comment as screening reads a new one: its text, author and page; nothing about how it was posted. */
    private static Submission submission(PageRow page, CommentRepository.StoredComment stored) {
        CommentRow row = stored.row();
        return new Submission(new CommentId(row.id()), page.siteId(), page.page().key(), page.page().section(),
                new ReaderId(row.authorId()), row.authorName(), stored.markdown(), row.html(), row.parentId().map(CommentId::new),
                Optional.empty(), "", Instant.ofEpochMilli(row.createdAt()), 0, 0);
    }

    private static List<Reason> readReasons(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Reason>>() {
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("stored reasons are not readable: " + json, e);
        }
    }

    /** Hands each page of {@code site} to {@code out} with all its comments, parents before replies; pages by id. */
    void export(SiteId site, Consumer<ExportedPage> out) {
        String after = "";
        while (true) {
            String from = after;
            List<PageRepository.CreatedPage> batch = db.read(h -> pages.ofSite(h, site, from, EXPORT_PAGES_PER_READ));
            for (PageRepository.CreatedPage page : batch) {
                // The comments and their votes and reviews as of one moment, so counts and votes agree.
                ExportedPage exported = db.readConsistent(h -> {
                    List<Comment> all = comments.forPage(h, page.row().id()).stream().map(row -> row.view(0)).toList();
                    Map<CommentId, ArchivedTrail> trailsOf = new HashMap<>();
                    trails.ofPage(h, page.row().id()).values().forEach(trail -> trailsOf.put(trail.comment(), trail));
                    return new ExportedPage(page.row().page(), Instant.ofEpochMilli(page.createdAt()), parentsFirst(all), trailsOf);
                });
                out.accept(exported);
            }
            if (batch.size() < EXPORT_PAGES_PER_READ) {
                return;
            }
            after = batch.getLast().row().id().value();
        }
    }

    /** Restores trails onto comments of {@code page} just imported; see {@link Comments#restoreTrails}. */
    void restore(PageId page, List<ArchivedTrail> restored) {
        db.write(h -> {
            trails.restore(h, restored);
            readModel.changed(page);
            return null;
        });
    }

    /** {@code all} (oldest first) reordered so that each parent comes before its replies, whatever their times. */
    private static List<Comment> parentsFirst(List<Comment> all) {
        Map<CommentId, List<Comment>> replies = new HashMap<>();
        List<Comment> roots = new ArrayList<>();
        java.util.Set<CommentId> ids = new java.util.HashSet<>();
        all.forEach(c -> ids.add(c.id()));
        for (Comment comment : all) {
            if (comment.parentId().filter(ids::contains).isPresent()) {
                replies.computeIfAbsent(comment.parentId().get(), p -> new ArrayList<>()).add(comment);
            } else {
                roots.add(comment);
            }
        }
        List<Comment> ordered = new ArrayList<>(all.size());
        java.util.Deque<Comment> stack = new java.util.ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(roots.get(i));
        }
        while (!stack.isEmpty()) {
            Comment comment = stack.pop();
            ordered.add(comment);
            List<Comment> below = replies.getOrDefault(comment.id(), List.of());
            for (int i = below.size() - 1; i >= 0; i--) {
                stack.push(below.get(i));
            }
        }
        return ordered;
    }

    /** The thread's page: the site's page with this key, or a new one with the export's title, URL and time. */
    private PageRow page(Handle h, ArchivedThread thread, Instant now) {
        Optional<PageRow> existing = pages.find(h, thread.site(), thread.key());
        if (existing.isPresent()) {
            return existing.get();
        }
        Optional<String> title = thread.title().map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> t.codePoints().filter(c -> !Character.isISOControl(c))
                        .limit(CommentRules.MAX_TITLE_LENGTH).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                                StringBuilder::append).toString());
        Optional<String> url = thread.url().map(String::strip).filter(CommentRules::isWebUrl);
        if (pages.insertIfAbsent(h, new PageId(db.ids().next("p", now.toEpochMilli())), thread.site(), thread.key(), title, url,
                thread.createdAt())) {
            readModel.created(thread.site(), thread.key());
        }
        return pages.find(h, thread.site(), thread.key()).orElseThrow();
    }

    /** The parent a reply names: stored earlier in this thread, or before, on this page (empty: on another page). */
    private Optional<CommentRow> parent(Handle h, ArchivedThread thread, PageRow page, Map<String, CommentRow> stored, String ref) {
        CommentRow inThread = stored.get(ref);
        if (inThread != null) {
            return Optional.of(inThread);
        }
        CommentId before = thread.storedParents().get(ref);
        if (before == null) {
            throw new IllegalArgumentException("comment ref " + ref + " is neither earlier in the thread nor stored before");
        }
        return comments.find(h, before.value()).map(CommentRepository.StoredComment::row)
                .filter(row -> row.pageId().equals(page.id()));
    }
}
