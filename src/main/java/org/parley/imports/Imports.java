package org.parley.imports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.parley.comments.Submission;
import org.parley.comments.Verdict;
import org.parley.comments.ArchivedComment;
import org.parley.comments.ArchivedHtml;
import org.parley.comments.ArchivedThread;
import org.parley.comments.CommentId;
import org.parley.comments.CommentStatus;
import org.parley.comments.Comments;
import org.parley.comments.ImportedThread;
import org.parley.comments.PageKey;
import org.jdbi.v3.core.Handle;
import org.parley.identity.Identity;
import org.parley.http.ParleyException;
import org.parley.moderation.Moderation;
import org.parley.staff.StaffUser;
import org.parley.sites.Sites;
import org.parley.store.Database;

/**
 * The imports feature's door: brings a site's comment history in from another system's export. The export is read
 * twice, as a stream: once to check all of it (a file that is not what was asked for is refused before anything is
 * written) and, unless it is a dry run, once to store it, whole pages per transaction (never half a page). Comments already imported
 * (by their source id) are skipped, so importing a file again adds nothing, and an import that stopped half-way
 * is finished by running it again. Not thread-safe: one import at a time per instance.
 */
public final class Imports {

    /** Warnings an {@link ImportSummary} lists; the rest are only counted. */
    public static final int WARNINGS_KEPT = 100;
    /** Longest comment taken from an export, in characters of its HTML; a longer one is skipped as {@code too-long}. */
    static final int MAX_HTML_CHARS = 100_000;
    /** Small pages are written together, up to about this many comments a transaction; a bigger page alone. */
    static final int COMMENTS_PER_TRANSACTION = 1_000;
    /** Batches read, planned and cleaned ahead of the one being stored: enough to keep the writer busy, few to hold. */
    private static final int BATCHES_AHEAD = 2;

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final Identity identity;
    private final Comments comments;
    private final ImportRepository repository = new ImportRepository();
    private final ScreeningBacklog backlog;
    private final Moderation moderation;
    private final ParleyRecords parleyRecords;

    private Imports(Database db, Clock clock, Sites sites, Identity identity, Comments comments, Moderation moderation) {
        this.backlog = new ScreeningBacklog(db, comments, repository);
        this.moderation = moderation;
        this.parleyRecords = new ParleyRecords(identity, comments, moderation, repository);
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.identity = identity;
        this.comments = comments;
    }

    /** {@code moderation} gives and takes a site's sanctions and audit log, for Parley's own export and its import. */
    public static Imports create(Database db, Clock clock, Sites sites, Identity identity, Comments comments, Moderation moderation) {
        return new Imports(db, clock, sites, identity, comments, moderation);
    }

    /**
     * Forgets that archived authors became {@code reader} (a reader who leaves): the digests of their email or
     * name go. Importing the same archive again then makes a new guest for them, never brings them back.
     */
    public void forgetReader(org.parley.identity.ReaderId reader) {
        db.write(h -> repository.forgetAuthor(h, reader.value()));
    }

    /**
     * Imports {@code file} as {@code request} says, telling {@code progress} after each transaction (about
     * {@value #COMMENTS_PER_TRANSACTION} comments, or one bigger page). Answers
     * {@link ImportOutcome.Refused} for a file that is not a readable export of that format (malformed XML, a DTD,
     * missing ids or times), naming the line; nothing is written then. Throws a 404 problem for an unknown site, and
     * an {@link java.io.UncheckedIOException} for a file that cannot be read; a database failure stops the import
     * after the last whole page.
     */
    public ImportOutcome run(ImportRequest request, Path file, Consumer<ImportProgress> progress) {
        sites.require(request.site().value());
        long started = System.nanoTime();
        Tally check = new Tally();
        try {
            // The first pass only checks the file and counts it, unless it is all there is (a dry run).
            if (request.dryRun()) {
                read(request.format(), file, page -> plan(request, page, check), stray -> stray(stray, check), check::warn);
            } else {
                check(request.format(), file, check);
            }
        } catch (BadExport e) {
            return new ImportOutcome.Refused(e.getMessage());
        }
        if (request.dryRun()) {
            return new ImportOutcome.Done(check.summary(request.format(), true, Duration.ofNanos(System.nanoTime() - started)));
        }
        return comments.importing(check.commentsSeen(), () -> store(request, file, progress, check, started));
    }

    /** The second pass: stores what the export holds, the read-ahead thread reading and cleaning while this one writes. */
    private ImportOutcome store(ImportRequest request, Path file, Consumer<ImportProgress> progress, Tally check, long started) {
        Tally done = new Tally();
        Authors authors = new Authors(identity, repository, request.site(), request.format().apiName());
        try (ReadAhead<List<Plan>> ahead = new ReadAhead<>("parley-import-reader", BATCHES_AHEAD,
                batches -> plan(request, file, done, authors, batches))) {
            for (Optional<List<Plan>> batch = ahead.next(); batch.isPresent(); batch = ahead.next()) {
                store(request, batch.get(), authors, done);
                progress.accept(new ImportProgress(done.pagesSeen(), check.pagesSeen(), done.commentsSeen(), check.commentsSeen(),
                        Duration.ofNanos(System.nanoTime() - started)));
            }
        } catch (BadExport e) {
            return new ImportOutcome.Refused(e.getMessage() + " (the file changed while it was imported; pages before this are"
                    + " imported, and running the import again adds only what is missing)");
        }
        return new ImportOutcome.Done(done.summary(request.format(), false, Duration.ofNanos(System.nanoTime() - started)));
    }

    /**
     * Reads the export again and hands {@code batches} its pages planned and cleaned, their authors looked up, about
     * {@value #COMMENTS_PER_TRANSACTION} comments a batch (a bigger page alone): the work that needs no write lock,
     * done on the read-ahead thread while the caller stores the batch before.
     */
    private void plan(ImportRequest request, Path file, Tally tally, Authors authors, Consumer<List<Plan>> batches) {
        List<Plan> batch = new ArrayList<>();
        int[] size = {0};
        read(request.format(), file, page -> plan(request, page, tally).ifPresent(plan -> {
            authors.prepare(plan.comments().stream().map(Ready::comment).toList());
            batch.add(plan);
            size[0] += plan.comments().size();
            if (size[0] >= COMMENTS_PER_TRANSACTION) {
                batches.accept(List.copyOf(batch));
                batch.clear();
                size[0] = 0;
            }
        }), stray -> stray(stray, tally), tally::warn);
        if (!batch.isEmpty()) {
            batches.accept(List.copyOf(batch));
        }
    }

    /**
     * Writes everything of {@code site} to {@code out} in Parley's export format ({@code docs/export-schema.json},
     * version 2), streaming: pages, comments of every status with their threading, authors, times, votes (who voted
     * how) and moderation (review, reasons, highlight, note); readers' blocks, sanctions and the audit log; and each
     * reader named (kind, name, since when), never an email address, token, session, passkey or login.
     * {@code parley import parley} reads it back. Throws a 404 problem for an unknown site.
     */
    public ExportSummary export(org.parley.sites.SiteId site, java.io.OutputStream out) {
        sites.require(site.value());
        return ParleyExportWriter.write(comments, identity, moderation, site, clock.instant(), out);
    }

    /**
     * {@link #export} for an admin of the dashboard, recorded in the site's audit log ({@code site-export}) before the
     * first byte is written: {@code open} is called, with the export's time, only once {@code admin} may export the site
     * (a 403 problem {@code export-admins-only} for anyone else, a 404 one for an unknown site), and gives the stream to
     * write to; the caller closes it.
     */
    public ExportSummary exportFor(StaffUser admin, org.parley.sites.SiteId site, Function<Instant, java.io.OutputStream> open) {
        if (!admin.isAdmin()) {
            throw new ParleyException.Forbidden(ImportProblem.EXPORT_ADMINS_ONLY, "Only an admin may export site '" + site
                    + "': it holds every comment, vote, block and sanction of its readers.");
        }
        sites.require(site.value());
        Instant now = clock.instant();
        moderation.recordAudit(admin, site, "site-export", "site", site.value(), Optional.empty(), Optional.empty(), Optional.empty());
        return ParleyExportWriter.write(comments, identity, moderation, site, now, open.apply(now));
    }

    /**
     * Screens published comments that imports brought in and screening has not judged yet, with {@code judge}
     * (screening's verdict on an imported comment), in batches, until none waits or {@code budget} is spent (a batch
     * started is finished). Resumable: a run that stops is continued by the next, and nothing is judged into a comment
     * twice. Safe on several processes, though meant to run on one at a time (a leased job).
     */
    public ScreeningRun screenImported(Function<Submission, Verdict> judge, Duration budget) {
        return backlog.run(judge, budget);
    }

    /** How many imported comments wait for screening, on every site. */
    public long awaitingScreening() {
        return db.read(repository::countAwaitingScreening);
    }

    private static void read(ImportFormat format, Path file, Consumer<SourcePage> pages, Consumer<SourceComment> strays,
                             Consumer<String> warnings) {
        switch (format) {
            case DISQUS -> DisqusReader.read(file, pages, strays);
            case WORDPRESS -> WordPressReader.read(file, pages, warnings);
            case REMARK42 -> Remark42Reader.read(file, pages);
            case COMMENTO -> CommentoReader.read(file, pages);
            case PARLEY -> ParleyExportReader.read(file, pages);
        }
    }

    /** Reads the whole file as {@link #read} does, refusing what it refuses, and counts its pages and comments. */
    private static void check(ImportFormat format, Path file, Tally tally) {
        if (format == ImportFormat.DISQUS) {
            DisqusReader.check(file, comments -> tally.pageDone(comments, true), strays -> tally.skipped("unknown-page", strays));
        } else {
            read(format, file, page -> tally.pageDone(page.comments().size(), true), stray -> stray(stray, tally), warning -> { });
        }
    }

    private static void stray(SourceComment comment, Tally tally) {
        tally.skipped("unknown-page", 1);
        tally.warn("line " + comment.line() + ": post " + comment.sourceId() + " names a thread the export does not hold; skipped");
    }

    /** A page's comments that are to be stored, in order, under its key. */
    private record Plan(SourcePage page, PageKey key, List<Ready> comments, Map<String, CommentId> stored) {
    }

    /** A comment to store, and its HTML cleaned. */
    private record Ready(ThreadPlan.Step step, ArchivedHtml html) {

        SourceComment comment() {
            return step.comment();
        }
    }

    /** Decides what becomes of one exported page and counts it (what is skipped, and for a dry run what is not). */
    private Optional<Plan> plan(ImportRequest request, SourcePage page, Tally tally) {
        int count = page.comments().size();
        Optional<PageKey> key = request.pageKey().keyOf(page);
        if (key.isEmpty()) {
            tally.skipped("no-page-key", count);
            tally.warn("line " + page.line() + ": page " + page.sourceId() + page.url().map(u -> " (" + u + ")").orElse("")
                    + " has no usable " + request.pageKey().apiName() + " for a page key; its " + count + " comments are skipped"
                    + " (try another --page-key)");
            tally.pageDone(count, false);
            return Optional.empty();
        }
        Set<String> asked = new HashSet<>();
        page.comments().forEach(c -> {
            asked.add(c.sourceId());
            c.parentId().ifPresent(asked::add);
        });
        Map<String, CommentId> stored = new HashMap<>();
        db.read(h -> repository.find(h, request.site(), request.format().apiName(), "comment", asked))
                .forEach((ref, id) -> stored.put(ref, new CommentId(id)));
        List<SourceComment> kept = new ArrayList<>();
        for (SourceComment comment : page.comments()) {
            switch (comment.state()) {
                case PINGBACK -> tally.skipped("pingback", 1);
                case TRACKBACK -> tally.skipped("trackback", 1);
                default -> {
                    if (stored.containsKey(comment.sourceId())) {
                        tally.skipped("already-imported", 1);
                    } else if (comment.html().length() > MAX_HTML_CHARS) {
                        tally.skipped("too-long", 1);
                        tally.warn("line " + comment.line() + ": comment " + comment.sourceId() + " is longer than "
                                + MAX_HTML_CHARS + " characters; skipped");
                    } else {
                        kept.add(comment);
                    }
                }
            }
        }
        List<ThreadPlan.Step> steps = ThreadPlan.of(kept, stored.keySet(), tally::warn);
        if (request.dryRun()) {
            steps.forEach(step -> tally.imported(status(step.comment().state()).apiName(), 1));
            tally.map(new PageMapping(key.get().value(), page.url(), page.title(), steps.size()));
        }
        // A page that brings what the export holds about the site (a Parley export's last) is stored even with no new
        // comment: a later export of the same site may add a block or a ban and no comment to its last page.
        if (request.dryRun() || (steps.isEmpty() && page.site().isEmpty())) {
            tally.pageDone(count, !steps.isEmpty());
            return Optional.empty();
        }
        // Cleaning is most of the work a comment takes before it is stored; a deleted comment keeps no text to clean.
        return Optional.of(new Plan(page, key.get(), steps.stream().map(step -> new Ready(step,
                new ArchivedHtml(step.comment().state() == SourceComment.State.DELETED ? "" : step.comment().html()))).toList(), stored));
    }

    /**
     * Stores whole pages' comments in one transaction, with what each source id became: a page is never half
     * written, and small pages share a commit.
     */
    private void store(ImportRequest request, List<Plan> plans, Authors authors, Tally tally) {
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        List<Written> written;
        try {
            written = db.write(h -> {
                warnings.clear();
                List<Written> stored = new ArrayList<>(plans.size());
                for (Plan plan : plans) {
                    stored.add(store(h, request, plan, authors, now, warnings));
                }
                return stored;
            });
        } catch (RuntimeException e) {
            authors.rolledBack();
            throw e;
        }
        authors.committed();
        warnings.forEach(tally::warn);
        written.forEach(page -> counted(page, tally));
    }

    /** One page as written: what of its plan was left once comments another import stored meanwhile were taken out. */
    private record Written(Plan plan, Optional<ImportedThread> thread, int meanwhile) {
    }

    /**
     * Stores one page's comments inside the caller's transaction. Comments stored since the page was planned (by
     * another import of the same export, or earlier in this transaction) are left out here, where no other import
     * can slip in between: SQLite's write lock is held, and on PostgreSQL a second writer of the same comment fails
     * on {@code import_sources}' key rather than store it twice.
     */
    private Written store(Handle h, ImportRequest request, Plan planned, Authors authors, Instant now, List<String> warnings) {
        String source = request.format().apiName();
        Map<String, CommentId> meanwhile = new HashMap<>();
        repository.find(h, request.site(), source, "comment", planned.comments().stream().map(r -> r.comment().sourceId()).toList())
                .forEach((ref, id) -> meanwhile.put(ref, new CommentId(id)));
        Plan plan = planned;
        if (!meanwhile.isEmpty()) {
            Map<String, CommentId> stored = new HashMap<>(planned.stored());
            stored.putAll(meanwhile);
            plan = new Plan(planned.page(), planned.key(), planned.comments().stream()
                    .filter(step -> !meanwhile.containsKey(step.comment().sourceId())).toList(), stored);
        }
        if (plan.comments().isEmpty()) {
            parleyRecords.keepSite(h, request.site(), source, plan.page(), now);
            return new Written(plan, Optional.empty(), meanwhile.size());
        }
        List<ArchivedComment> archived = new ArrayList<>(plan.comments().size());
        for (Ready ready : plan.comments()) {
            SourceComment c = ready.comment();
            Authors.Resolved author = authors.resolve(h, c, now, warnings::add);
            archived.add(new ArchivedComment(c.sourceId(), ready.step().parentRef(), author.id(), author.name(), ready.html(),
                    status(c.state()), c.createdAt(), c.up(), c.down()));
        }
        SourcePage page = plan.page();
        Instant created = page.createdAt().orElse(plan.comments().getFirst().comment().createdAt());
        ImportedThread stored = comments.importThread(new ArchivedThread(request.site(), plan.key(), page.title(), page.url(),
                created, archived, plan.stored(), source));
        parleyRecords.keep(h, request.site(), source, page, plan.comments().stream().map(Ready::comment).toList(), stored, now);
        Map<String, String> became = new HashMap<>();
        stored.ids().forEach((ref, id) -> became.put(ref, id.value()));
        repository.claim(h, request.site(), source, "comment", became, now);
        Set<String> emptied = new HashSet<>(stored.emptied());
        repository.awaitScreening(h, request.site(), plan.comments().stream().map(Ready::comment)
                .filter(c -> c.state() == SourceComment.State.PUBLISHED && !emptied.contains(c.sourceId()))
                .map(c -> became.get(c.sourceId())).toList(), now);
        repository.record(h, request.site(), source, "page", Map.of(page.sourceId(), stored.page().value()), now);
        return new Written(plan, Optional.of(stored), meanwhile.size());
    }

    /** Counts what one written page became, and warns about what cleaning or threading changed. */
    private static void counted(Written written, Tally tally) {
        Plan plan = written.plan();
        tally.skipped("already-imported", written.meanwhile());
        if (written.thread().isEmpty()) {
            tally.pageDone(plan.page().comments().size(), false);
            return;
        }
        ImportedThread thread = written.thread().get();
        Map<String, SourceComment> byRef = new HashMap<>();
        plan.comments().forEach(ready -> byRef.put(ready.comment().sourceId(), ready.comment()));
        thread.emptied().forEach(ref -> tally.warn("line " + byRef.get(ref).line() + ": comment " + ref
                + " showed nothing once cleaned (only markup or script); kept as a deleted placeholder"));
        thread.detached().forEach(ref -> tally.warn("line " + byRef.get(ref).line() + ": comment " + ref
                + " replies to a comment imported before onto another page; it is imported as a top-level comment"));
        Set<String> emptied = new HashSet<>(thread.emptied());
        plan.comments().forEach(ready -> tally.imported(emptied.contains(ready.comment().sourceId())
                ? CommentStatus.DELETED.apiName() : status(ready.comment().state()).apiName(), 1));
        tally.pageDone(plan.page().comments().size(), true);
    }

    private static CommentStatus status(SourceComment.State state) {
        return switch (state) {
            case PUBLISHED -> CommentStatus.PUBLISHED;
            case PENDING -> CommentStatus.PENDING;
            case REJECTED -> CommentStatus.REJECTED;
            case DELETED -> CommentStatus.DELETED;
            case PINGBACK, TRACKBACK -> throw new IllegalArgumentException("pingbacks and trackbacks are never stored");
        };
    }
}
