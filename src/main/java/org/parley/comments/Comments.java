package org.parley.comments;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.parley.http.EncodedBody;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.identity.Voice;
import org.parley.identity.Voices;
import org.parley.live.EventBus;
import org.parley.live.LiveStreams;
import org.parley.live.MissedEvents;
import org.parley.media.Media;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;

/**
 * The comments feature's door: threads (pages), comments, replies and votes. Reads come from an
 * in-memory read model per page, rebuilt after each change; each write is one transaction that also
 * bumps the page's version and logs the change, then publishes a {@link CommentEvent} after commit.
 * Thread-safe.
 */
public final class Comments {

    private final Database db;
    private final Clock clock;
    private final EventBus bus;
    private final Sites sites;
    private final Identity identity;
    private final CommentsConfig config;
    private final Gate screening;
    private final PageRepository pages = new PageRepository();
    private final CommentRepository comments = new CommentRepository();
    private final CommentImageRepository images = new CommentImageRepository();
    private final ReviewRepository reviews = new ReviewRepository();
    private final CommentRenderer renderer = new CommentRenderer();
    private final Attachments attachments;
    private final AuthorData authorData;
    private final LiveTickets liveTickets;
    private final ThreadReadModel readModel;
    private final RevisionRepository revisions = new RevisionRepository();
    private final ThreadReads reads;
    private final LiveFeed liveFeed;
    private final CommentEdits edits;
    private final CommentVotes votes;
    private final ArchivedThreads archives;
    private final CommentDecisions decisions;
    private final ActivityCounts activity = new ActivityCounts();

    private Comments(Database db, Clock clock, EventBus bus, LiveStreams streams, Sites sites, Identity identity,
                     Media media, CommentsConfig config, Gate screening) {
        this.screening = screening;
        this.db = db;
        this.clock = clock;
        this.bus = bus;
        this.sites = sites;
        this.identity = identity;
        this.config = config;
        this.attachments = new Attachments(db, media);
        this.readModel = new ThreadReadModel(db, pages, comments, config.cachedPages());
        this.liveTickets = new LiveTickets(db.signingKeys());
        this.reads = new ThreadReads(db, sites, identity, readModel, comments, config);
        this.liveFeed = new LiveFeed(db, pages, readModel, streams);
        this.edits = new CommentEdits(db, screening, pages, comments, images, revisions, attachments, this::afterCommit);
        this.votes = new CommentVotes(db, identity, pages, comments, this::afterCommit);
        this.archives = new ArchivedThreads(db, clock, sites, pages, comments, readModel, this::afterCommit);
        this.decisions = new CommentDecisions(db, clock, pages, comments, images, revisions, attachments, this::afterCommit);
        this.authorData = new AuthorData(db, clock, pages, comments, images, revisions, attachments, this::afterCommit);
        bus.share(CommentEvent.class);
        bus.subscribe(CommentEvent.class, liveFeed::changed);
        bus.subscribe(MissedEvents.class, missed -> liveFeed.catchUp());
    }

    /**
     * The comments feature; {@code screening} judges each new comment and each edit (moderation, or
     * {@link Gate#PUBLISH_ALL}); {@code media} holds the images comments show.
     */
    public static Comments create(Database db, Clock clock, EventBus bus, LiveStreams streams, Sites sites,
                                  Identity identity, Media media, CommentsConfig config, Gate screening) {
        return new Comments(db, clock, bus, streams, sites, identity, media, config, screening);
    }

    /**
     * How many comments {@code db} holds, whatever their status (published, held, rejected, deleted): for
     * tools that look at a database without serving it, such as {@code parley backup} reading its copy.
     */
    public static long stored(Database db) {
        return db.read(h -> new CommentRepository().countAll(h));
    }

    /**
     * A page of a thread as {@code viewer} sees it (empty: an anonymous reader): up to {@code limit}
     * top-level comments in {@code sort} order after {@code after} (a cursor from a previous page), each
     * with its first replies. A reader also sees their own held or rejected comments, and comments of
     * readers they blocked only as collapsed placeholders. An unknown page reads as an open, empty
     * thread. Throws a 400 problem for a cursor Parley did not issue.
     */
    public ThreadPage thread(SiteId siteId, PageKey key, Sort sort, Optional<String> after, int limit,
                             Optional<ReaderId> viewer) {
        return reads.thread(siteId, key, sort, after, limit, viewer);
    }

    /** The replies to a comment after {@code after} (oldest first) as {@code viewer} sees them. */
    public ReplyPage replies(SiteId site, CommentId parentId, Optional<String> after, int limit, Optional<ReaderId> viewer) {
        return reads.replies(site, parentId, after, limit, viewer);
    }

    /** One published comment with its markdown source. */
    public CommentWithSource comment(SiteId site, CommentId id) {
        return reads.comment(site, id, Optional.empty());
    }

    /** One comment with its source as {@code viewer} sees it: also their own held one, for their edit form. */
    CommentWithSource comment(SiteId site, CommentId id, Optional<ReaderId> viewer) {
        return reads.comment(site, id, viewer);
    }

    /**
     * Posts a comment or reply as {@code author}, creating the page on its first comment. The
     * {@link Gate} decides whether it is published, held for a moderator or rejected; the answer is the comment as
     * its author sees it (status, and the moderators' note). A comment with images may have no text.
     * Throws 4xx problems for an empty or over-long body, a bad name, images that are too many, not
     * uploaded or badly described, a closed page, a parent that is unknown, not published or on another
     * page, or when screening refuses the author (banned, too many comments); nothing is written then.
     */
    public Comment post(ReaderId author, NewComment draft) {
        Site site = sites.require(draft.site().value());
        Markdown body = CommentRules.body(draft.body(), site, !draft.images().isEmpty());
        Optional<String> name = identity.nameToShow(site.id(), author, CommentRules.name(draft.authorName()));
        CommentRules.widgetPageDetails(draft.pageTitle(), draft.pageUrl());
        List<CommentImage> images = attachments.resolve(draft.images(), site);
        SafeHtml html = renderer.render(body);
        CommentRules.requireVisible(html, !draft.images().isEmpty());
        Instant now = clock.instant();
        String id = db.ids().next("c", now.toEpochMilli());

        // Screened against what is committed, before the write lock is taken: the transaction only stores.
        record Seen(Optional<PageRow> page, Optional<CommentRow> parent, int authorPublished) {
        }
        Seen seen = db.read(h -> {
            Optional<PageRow> page = pages.find(h, site.id(), draft.page());
            page.ifPresent(Comments::requireOpen);
            return new Seen(page, draft.parentId().map(parentId -> checkParent(h, page.map(PageRow::id), draft.page(), parentId)),
                    comments.publishedOnSite(h, author.value(), site.id()));
        });
        Verdict verdict = screening.screen(new Submission(new CommentId(id), site.id(), draft.page(),
                seen.page().flatMap(page -> page.page().section()), author, name, body, html, draft.parentId(),
                seen.parent().map(p -> new ReaderId(p.authorId())), draft.clientAddress(), now, seen.authorPublished(),
                images.size()));

        record Posted(PageRow page, CommentRow row, long version) {
        }
        Posted posted = db.write(h -> {
            PageRow page = openPage(h, site.id(), draft, now);
            // Checked again: the parent may have been removed since it was read.
            Optional<CommentRow> parent = draft.parentId()
                    .map(parentId -> checkParent(h, Optional.of(page.id()), draft.page(), parentId));
            CommentStatus status = verdict.status();
            CommentRow row = new CommentRow(id, page.id(), draft.parentId().map(CommentId::value),
                    parent.map(p -> p.depth() + 1).orElse(0), author.value(), name,
                    identity.badgesOnPage(author, seen.page().flatMap(p -> p.page().byline())), html, status, now.toEpochMilli(),
                    Optional.empty(), 0, 0, false, verdict.authorMessage(), images);
            comments.insert(h, row, body, verdict);
            verdict.records().run();
            long version = pages.recordChange(h, page.id(), row.isPublished() ? 1 : 0, "posted", id, now);
            afterCommit(new CommentEvent.CommentPosted(page.id(), version, new CommentId(id), status, draft.parentId().orElse(null)));
            return new Posted(page, row, version);
        });
        return activity.posted(posted.row().view(0));
    }

    /**
     * Replaces the text of the author's own comment, published or held, while the site's edit window is
     * open; its images stay, and a comment that shows images may lose all its text. The edit is screened
     * like a new comment: it may be published, or held for a moderator (the comment then leaves public
     * view, and a moderator sees the text it replaced). Throws 4xx problems for an empty or over-long body,
     * a closed page, a banned or suspended author, too many edits, a deleted or rejected comment, or new
     * text screening rejects; the comment stays as it was then.
     */
    public EditOutcome edit(SiteId siteId, ReaderId author, CommentId id, Markdown newBody, String clientAddress) {
        Site site = sites.require(siteId.value());
        Markdown body = CommentRules.body(newBody, site, true);
        return activity.edited(edits.edit(site, author, id, body, renderer.render(body), clientAddress, clock.instant()));
    }

    /**
     * Deletes the author's own comment, published or held, while the edit window is open. Its text and
     * images are erased (an image no other comment shows leaves storage); when replies hang from it, a
     * "deleted" placeholder keeps their place.
     */
    public EditOutcome delete(SiteId siteId, ReaderId author, CommentId id) {
        return edits.delete(sites.require(siteId.value()), author, id, clock.instant());
    }

    /**
     * Sets {@code voter}'s vote on a comment: 1 up, -1 down, 0 withdraws. One vote per voter and
     * comment; voting again replaces it. Authors cannot vote on their own comments. The tally is the votes
     * as they count: brand-new voters on one network ({@code clientAddress}'s) count once together, see
     * {@link #voice}; the voter's own vote is theirs either way.
     */
    public VoteTally vote(SiteId siteId, ReaderId voter, CommentId id, int value, String clientAddress) {
        if (value < -1 || value > 1) {
            throw new IllegalArgumentException("vote must be -1, 0 or 1, was " + value);
        }
        return activity.voted(votes.vote(sites.require(siteId.value()), voter, id, value, clientAddress, clock.instant()));
    }

    /**
     * Runs {@code work}, an import of about {@code incoming} comments by {@link #importThread}, with the database set for
     * a long run of inserts: on SQLite a bigger cache, fewer copies of its log and, for an import big against what is
     * stored, the index of comments by author left out until the end (queries by author read the table another way
     * meanwhile). See docs/PERFORMANCE.md.
     */
    public <R> R importing(long incoming, java.util.function.Supplier<R> work) {
        return archives.importing(incoming, work);
    }

    /**
     * Stores one page's comments from another system's export in one transaction (all of them, or none): the page
     * is the site's page with that key, or a new one; each comment keeps its time, author, status and parent, and
     * its HTML is cleaned exactly like a new comment's. Not screened, not announced to repliers; live readers and
     * caches learn of the page's change. Throws for an unknown site, a thread with no comments, or a reply whose
     * parent is neither earlier in the thread nor stored before (one stored on another page leaves it top-level).
     */
    public ImportedThread importThread(ArchivedThread thread) {
        return archives.store(thread);
    }

    /**
     * Screens an imported published comment with {@code judge} (run outside any transaction) and keeps its reasons: for
     * review, it opens in the flagged queue; held, it leaves public view until a moderator decides. One gone, no longer
     * published, reviewed or screened before is {@link ScreenedImport#SKIPPED}: screening twice changes nothing.
     */
    public ScreenedImport screenImported(CommentId id, Function<Submission, Verdict> judge) {
        return archives.screen(id, judge);
    }

    /**
     * Hands every page of the site to {@code pages}, one at a time with all its comments (each page read as one
     * snapshot), for a full export. Throws a 404 problem for an unknown site.
     */
    public void exportSite(SiteId site, java.util.function.Consumer<ExportedPage> pages) {
        archives.export(sites.require(site.value()).id(), pages);
    }

    /**
     * Restores what readers and moderators left on comments of {@code page} just imported (votes, review, reasons,
     * highlight, note), joining the caller's transaction (the import of that page). Each comment's counts become
     * those of its stored votes; an author's vote on their own comment is left out.
     */
    public void restoreTrails(PageId page, List<ArchivedTrail> trails) {
        archives.restore(page, trails);
    }

    /** Comments posted by outcome, edits and votes through this door since start; thread-safe, cheap. */
    public CommentActivity activity() {
        return activity.snapshot();
    }

    /** How the votes on each comment add up, for moderators: cast, counted, and from the busiest network. */
    public Map<CommentId, Voices> voteVoices(List<CommentId> ids) {
        return votes.voices(ids);
    }

    /** The voter's votes on one page, by comment id (1 or -1); empty for an unknown page. */
    public Map<CommentId, Integer> myVotes(SiteId site, ReaderId voter, PageKey key) {
        sites.require(site.value());
        return votes.ofVoter(site, voter, key);
    }

    /**
     * Creates or updates a page's metadata as the host site describes it (title, URL, byline, section,
     * publication time, open or closed). Closing a page stops new comments; existing ones stay.
     */
    public Page upsertPage(SiteId siteId, PageKey key, PageMeta meta) {
        Site site = sites.require(siteId.value());
        CommentRules.hostPageDetails(meta.title(), meta.url(), meta.byline(), meta.section());
        Instant now = clock.instant();
        return db.write(h -> {
            if (pages.insertIfAbsent(h, new PageId(db.ids().next("p", now.toEpochMilli())), site.id(), key,
                    Optional.empty(), Optional.empty(), now)) {
                readModel.created(site.id(), key);
            }
            PageRow row = pages.find(h, site.id(), key).orElseThrow();
            Page merged = meta.applyTo(row.page());
            if (merged.equals(row.page())) {
                return row.page();
            }
            pages.updateMeta(h, row.id(), merged);
            long version = pages.recordChange(h, row.id(), 0, "page", "", now);
            afterCommit(new CommentEvent.PageUpdated(row.id(), version));
            return pages.find(h, row.id()).orElseThrow().page();
        });
    }

    /**
     * Published comment counts for up to 100 pages of a site; pages without comments count 0. For a
     * {@code viewer} with blocks, their blocked commenters' comments are not counted.
     */
    public Map<PageKey, Integer> counts(SiteId siteId, Collection<PageKey> keys, Optional<ReaderId> viewer) {
        sites.require(siteId.value());
        List<String> pageKeys = keys.stream().map(PageKey::value).toList();
        List<String> blocked = viewer.map(identity::blocked).orElse(java.util.Set.of()).stream().map(ReaderId::value).toList();
        Map<String, Integer> found = db.read(h -> pages.counts(h, siteId, pageKeys));
        Map<String, Integer> hidden = blocked.isEmpty() ? Map.of() : db.read(h -> comments.publishedBy(h, siteId, pageKeys, blocked));
        Map<PageKey, Integer> counts = new LinkedHashMap<>();
        keys.forEach(key -> counts.put(key, found.getOrDefault(key.value(), 0) - hidden.getOrDefault(key.value(), 0)));
        return counts;
    }

    /**
     * Applies a moderator's decision to a comment and returns it before and after, for the audit log.
     * Approving publishes a held or rejected comment (or closes a flagged one's review); rejecting takes
     * it out of public view with a note its author sees; featuring highlights it; removing an image takes
     * it off the comment, text untouched, and out of storage once no comment shows it. Joins the caller's
     * transaction, so the caller's audit entry commits with it.
     */
    public Moderated moderate(CommentId id, ModerationChange change) {
        return decisions.moderate(id, change);
    }

    /**
     * Deletes stored images no comment shows that were last uploaded more than {@code grace} ago (uploads
     * whose comment was never posted); returns how many went. Run it now and then; a day's grace spares
     * readers still writing.
     */
    public int sweepImages(Duration grace) {
        return attachments.sweep(clock.instant(), grace);
    }

    /** Comments as moderators see them: a queue page, or given comments, within the given scopes. */
    public List<ReviewItem> review(ReviewQuery query) {
        return db.read(h -> reviews.find(h, query));
    }

    /** A comment with the comments above it and its direct replies, whatever their status. */
    public List<ReviewItem> conversation(CommentId id) {
        return db.readConsistent(h -> reviews.conversation(h, id));
    }

    /** How a commenter's comments on a site have fared. */
    public AuthorStats authorStats(SiteId site, ReaderId author) {
        return db.read(h -> reviews.authorStats(h, site, author));
    }

    /**
     * The ids of {@code author}'s published comments on {@code site}, in id order: what a ban that also rejects them
     * takes down. Inside a write transaction it reads that transaction's state.
     */
    public List<CommentId> publishedBy(SiteId site, ReaderId author) {
        return db.read(h -> reviews.publishedBy(h, site, author));
    }

    /** Everything {@code reader} wrote and voted, for their own copy: comments with their source and status, votes. */
    public Map<String, Object> authorsData(ReaderId reader) {
        return authorData.export(reader);
    }

    /** Deletes every comment of {@code reader}, as if they deleted each (replies keep their place); returns how many. */
    public int removeAuthorsComments(ReaderId reader) {
        return authorData.remove(reader);
    }

    /**
     * Leaves {@code reader}'s comments in their threads but signs them by {@code departed}, an id that links to no one,
     * with no name; their votes count on, unlinked too. Returns how many comments were kept.
     */
    public int unsignAuthorsComments(ReaderId reader, ReaderId departed) {
        return authorData.reassign(reader, departed, Optional.empty(), true);
    }

    /** Gives a guest's comments to the account they signed in to, shown under the account's {@code name}; returns how many. */
    public int moveGuestComments(ReaderId guest, ReaderId account, String name) {
        return authorData.reassign(guest, account, Optional.of(name), false);
    }

    /** Comments posted since {@code since} waiting for a moderator (flagged or held), per site: for alerts. */
    public Map<SiteId, Integer> awaitingReviewSince(Instant since) {
        return db.read(h -> reviews.openSince(h, since));
    }

    /** HTTP routes of this feature, to mount under {@code /api/v1}. */
    public HttpService routes() {
        return new CommentRoutes(this, identity, liveFeed, sites, config);
    }

    /** The thread page encoded by {@code encoder}, memoized for the public; see {@link ThreadReads#body}. */
    ThreadReads.Body threadBody(SiteId siteId, PageKey key, Sort sort, Optional<String> after, int limit,
                                Optional<ReaderId> viewer, Function<ThreadPage, EncodedBody> encoder) {
        return reads.body(siteId, key, sort, after, limit, viewer, encoder);
    }

    /** A ticket naming {@code viewer} on live streams, so their blocks apply there too. */
    String liveTicket(ReaderId viewer) {
        return liveTickets.issue(viewer, clock.instant());
    }

    /** The reader a live ticket names; 400 for a ticket Parley did not sign or that has expired. */
    ReaderId liveViewer(String ticket) {
        return liveTickets.check(ticket, clock.instant()).orElseThrow(() -> new ParleyException.InvalidInput(
                CommentProblem.INVALID_LIVE_TICKET, "The live ticket is not valid any more; read the block list again for a new one.",
                List.of(new org.parley.http.FieldError("viewer", "is not a current live ticket"))));
    }

    /**
     * Announces a change to a page's thread: its snapshot goes stale and the event is published once the
     * transaction commits (the caller's, when this write joined one). Called inside the changing
     * transaction, so that other nodes learn of it with the commit.
     */
    private void afterCommit(CommentEvent event) {
        readModel.changed(event.pageId());
        db.afterCommit(() -> bus.publish(event));
    }

    private PageRow openPage(Handle h, SiteId site, NewComment draft, Instant now) {
        Optional<PageRow> existing = pages.find(h, site, draft.page());
        if (existing.isEmpty()) {
            if (pages.insertIfAbsent(h, new PageId(db.ids().next("p", now.toEpochMilli())), site, draft.page(),
                    draft.pageTitle(), draft.pageUrl(), now)) {
                readModel.created(site, draft.page());
            }
            existing = pages.find(h, site, draft.page());
        }
        return requireOpen(existing.orElseThrow());
    }

    private static PageRow requireOpen(PageRow page) {
        if (!page.page().open()) {
            throw new ParleyException.Conflict(CommentProblem.PAGE_CLOSED,
                    "Page '" + page.page().key() + "' is closed to new comments.");
        }
        return page;
    }

    /** Checks the replied-to comment: it must exist, be published and be on this page ({@code page}: none yet). */
    private CommentRow checkParent(Handle h, Optional<PageId> page, PageKey key, CommentId parentId) {
        var parent = comments.find(h, parentId.value()).orElseThrow(() -> new ParleyException.InvalidInput(
                CommentProblem.UNKNOWN_PARENT, "There is no comment " + parentId + " to reply to.",
                List.of(new org.parley.http.FieldError("parentId", "does not exist"))));
        if (!page.equals(Optional.of(parent.row().pageId()))) {
            throw new ParleyException.InvalidInput(CommentProblem.PARENT_ON_OTHER_PAGE,
                    "Comment " + parentId + " is not on page '" + key + "'; reply on its own page.",
                    List.of(new org.parley.http.FieldError("parentId", "is on another page")));
        }
        if (!parent.row().isPublished()) {
            throw new ParleyException.Conflict(CommentProblem.PARENT_DELETED,
                    "Comment " + parentId + " is not published (deleted, removed or awaiting moderation); it takes no replies.");
        }
        return parent.row();
    }

    static ParleyException unknownComment(CommentId id) {
        return new ParleyException.NotFound(CommentProblem.UNKNOWN_COMMENT, "There is no comment " + id + " on this site.");
    }
}
