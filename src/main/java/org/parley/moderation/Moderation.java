package org.parley.moderation;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.parley.abuse.AbuseAssessment;
import org.parley.comments.CommentId;
import org.parley.comments.Comments;
import org.parley.comments.Page;
import org.parley.comments.ReviewItem;
import org.parley.comments.PageKey;
import org.parley.comments.PageMeta;
import org.parley.comments.ReviewQuery;
import org.parley.comments.ReviewScope;
import org.parley.comments.Sort;
import org.parley.http.FieldError;
import org.parley.http.Json;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.identity.Account;
import org.parley.identity.Badge;
import org.parley.identity.Identity;
import org.parley.identity.Voice;
import org.parley.live.EventBus;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.staff.StaffUser;
import org.parley.store.Database;
import org.parley.words.WordTerm;
import org.parley.words.Words;

/**
 * The moderation feature's door: readers' reports and notices, and the moderators' side: queues, cases,
 * actions and sanctions, each site's rules and word list, and the audit log. Screening asks it for a
 * page's rules and a commenter's sanctions; the desk shows moderators what it holds.
 *
 * <p>Moderation acts on comments through their door, and comments are built after screening, which
 * needs moderation: the comments door is therefore handed over as a supplier, read only after both exist
 * (see web/Parley). Thread-safe.
 */
public final class Moderation {

    /** How long a warning stays among a commenter's notices. */
    static final Duration NOTICE_DAYS = Duration.ofDays(30);
    static final int MAX_REPORT_NOTE = 1_000;
    /** Longest text the pre-submit check scores, in characters: the longest comment any site may allow. */
    static final int MAX_ASSESSED = org.parley.sites.NewSite.MAX_COMMENT_LENGTH_LIMIT;

    private final Database db;
    private final Clock clock;
    private final EventBus bus;
    private final Sites sites;
    private final Identity identity;
    private final Supplier<Comments> comments;
    private final RulesBook rules;
    private final Sanctions sanctions;
    private final ReportRepository reports = new ReportRepository();
    private final SanctionRepository sanctionRows = new SanctionRepository();
    private final AuditRepository audit = new AuditRepository();
    private final AuditTrail trail;
    private final AuditReader auditReader;
    private final ModerationArchive archive;
    private final NudgeRepository nudges = new NudgeRepository();
    private final Function<String, AbuseAssessment> abuse;
    private final com.fasterxml.jackson.databind.ObjectMapper json = Json.mapper();
    private final Words words;
    private final Casework casework;
    private final Actions actions;
    private final LongAdder reportsReceived = new LongAdder();

    private Moderation(Database db, Clock clock, EventBus bus, Sites sites, Identity identity, Words words, Supplier<Comments> comments,
                       ModerationRules defaults, Function<String, AbuseAssessment> abuse) {
        this.db = db;
        this.clock = clock;
        this.bus = bus;
        this.sites = sites;
        this.identity = identity;
        this.comments = comments;
        this.rules = new RulesBook(db, defaults);
        this.sanctions = new Sanctions(db);
        this.abuse = abuse;
        this.words = words;
        this.trail = new AuditTrail(db.ids(), audit);
        this.auditReader = new AuditReader(db, audit, comments);
        this.archive = new ModerationArchive(db, sanctionRows, audit);
        this.casework = new Casework(db, identity, comments, sanctions, reports, auditReader);
        this.actions = new Actions(db, clock, comments, casework, reports, trail);
    }

    /**
     * Moderation for one Parley. {@code defaults} are the rules of sites that have not set their own;
     * {@code words} keeps the sites' word lists; {@code abuse} assesses a text for the check before posting
     * (the abuse model: {@code Abuse::assess}); {@code comments} is read only when a reader reports or a
     * moderator acts. Reports and moderators' actions are announced on {@code bus} as {@link ModerationEvent}s.
     */
    public static Moderation create(Database db, Clock clock, EventBus bus, Sites sites, Identity identity, Words words,
                                    Supplier<Comments> comments, ModerationRules defaults, Function<String, AbuseAssessment> abuse) {
        return new Moderation(db, clock, bus, sites, identity, words, comments, defaults, abuse);
    }

    /** The rules a comment on this page is screened by: the site's, with the page's own pre-moderation if it has one. */
    public ModerationRules rulesForPage(SiteId site, PageKey page) {
        return rules.forPage(site, page);
    }

    /**
     * Throws 403 {@code banned} or {@code suspended}, with the moderators' message, if a sanction stops the
     * commenter at {@code at} on a page of {@code section} (empty: a page in no section).
     */
    public void refuseIfRestricted(SiteId site, Optional<String> section, ReaderId commenter, Instant at) {
        sanctions.refuseIfRestricted(site, section, commenter, at);
    }

    /**
     * A reader's report of a published comment, with a reason and an optional note. One per reader and
     * comment: reporting again is a 409 problem; reporting one's own comment is refused. Every report is
     * kept, but brand-new readers on one network ({@code clientAddress}'s) count as one reporter together.
     */
    public Report report(SiteId site, ReaderId reporter, CommentId commentId, ReportReason reason, Optional<String> note,
                         String clientAddress) {
        sites.require(site.value());
        Optional<String> text = note.map(String::strip).filter(n -> !n.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_REPORT_NOTE) {
            throw new ParleyException.InvalidInput(ModerationProblem.INVALID_REPORT,
                    "The note is " + text.get().length() + " characters; keep it under " + MAX_REPORT_NOTE + ".",
                    List.of(new FieldError("note", "is longer than " + MAX_REPORT_NOTE + " characters")));
        }
        comments.get().comment(site, commentId);
        var item = comments.get().review(ReviewQuery.ids(List.of(new ReviewScope(site, Optional.empty())), List.of(commentId))).getFirst();
        ReaderId author = item.author();
        if (author.equals(reporter)) {
            throw new ParleyException.InvalidInput(ModerationProblem.INVALID_REPORT, "You cannot report your own comment; "
                    + "you can edit or delete it instead.", List.of(new FieldError("commentId", "is your own comment")));
        }
        Instant now = clock.instant();
        Report report = new Report(db.ids().next("r", now.toEpochMilli()), commentId, site, reporter, reason, text, now,
                Optional.empty());
        Voice voice = identity.voice(reporter, clientAddress);
        boolean stored = db.write(h -> reports.insert(h, report, author, item.page().value(), item.section(), voice));
        if (!stored) {
            throw new ParleyException.Conflict(ModerationProblem.ALREADY_REPORTED,
                    "You already reported this comment; the moderators have your report.");
        }
        reportsReceived.increment();
        db.afterCommit(() -> bus.publish(new ModerationEvent.CommentReported(report)));
        return report;
    }

    /** Readers' reports accepted through this door since start (a repeated report is refused, not counted). */
    public long reportsReceived() {
        return reportsReceived.sum();
    }

    /**
     * The pre-submit check of a comment a reader is about to post: asks them to reconsider when the
     * abuse model scores it at or above the page's nudge threshold, and counts that it was shown. Text
     * longer than the site accepts as a comment is a 422 {@code comment-too-long}, as posting it would be.
     */
    public Nudge assess(SiteId site, ReaderId writer, PageKey page, String text) {
        int longest = longestAssessed(sites.require(site.value()));
        // Counted as comments count their text: code points, a CRLF being one line break.
        String counted = text.replace("\r\n", "\n");
        int length = counted.codePointCount(0, counted.length());
        if (length > longest) {
            throw new ParleyException.InvalidInput(org.parley.comments.CommentProblem.COMMENT_TOO_LONG, "The comment is " + length
                    + " characters long; this site accepts up to " + longest + ".",
                    List.of(new FieldError("body", "is longer than " + longest + " characters")));
        }
        AbuseAssessment assessment = abuse.apply(text);
        // The model cannot judge other languages: no writer is asked to reconsider on its word.
        boolean reconsider = assessment.reliable() && assessment.probability() >= rules.forPage(site, page).nudgeAt();
        if (reconsider) {
            Instant now = clock.instant();
            db.write(h -> {
                nudges.insert(h, site, writer, "shown", Optional.of(assessment.probability()), now);
                return null;
            });
        }
        return new Nudge(reconsider, assessment.probability(), reconsider ? assessment.spans() : List.of());
    }

    /** The longest text the pre-submit check takes on {@code site}: what the site accepts as a comment. */
    static int longestAssessed(org.parley.sites.Site site) {
        return Math.min(site.maxCommentLength(), MAX_ASSESSED);
    }

    /** What a nudged writer did: {@code edited} their comment, or posted it anyway. */
    public void nudgeOutcome(SiteId site, ReaderId writer, boolean edited) {
        sites.require(site.value());
        Instant now = clock.instant();
        db.write(h -> {
            nudges.insert(h, site, writer, edited ? "edited" : "posted-anyway", Optional.empty(), now);
            return null;
        });
    }

    /** How writers on a site answered nudges in the last 30 days; any moderator of the site may read it. */
    public NudgeStats nudgeStats(StaffUser moderator, SiteId site) {
        requireSite(moderator, site, false);
        return db.read(h -> nudges.since(h, site, clock.instant().minus(Duration.ofDays(30))));
    }

    /** What a commenter should be told: their current ban or suspension, and recent warnings. */
    public List<Sanction> notices(SiteId site, ReaderId commenter) {
        Instant now = clock.instant();
        return sanctions.of(site, commenter).stream()
                .filter(s -> s.restrictsAt(now) || (s.kind() == SanctionKind.WARNING && s.liftedAt().isEmpty()
                        && s.startsAt().isAfter(now.minus(NOTICE_DAYS))))
                .toList();
    }

    /** A page of a queue within the moderator's scope, optionally narrowed to one site. */
    public QueuePage queue(StaffUser moderator, QueueKind kind, Optional<SiteId> site, Optional<CommentId> after, int limit) {
        return casework.queue(moderator, kind, site, after, limit);
    }

    /**
     * One comment's case: reasons, conversation, reports, author's record (its sanctions and past actions as far
     * as the moderator's scope reaches, see {@link AuthorRecord}). 403 outside the moderator's scope.
     */
    public CaseFile caseFile(StaffUser moderator, CommentId id) {
        return casework.caseFile(moderator, id);
    }

    /**
     * Carries out a moderator's action and returns the audit entries it wrote. Each action commits with
     * its audit entries or not at all; out-of-scope targets are 403 problems, bad messages 422.
     */
    public List<AuditEntry> act(StaffUser moderator, ModeratorAction action) {
        List<AuditEntry> entries = actions.act(moderator, action);
        db.afterCommit(() -> entries.forEach(entry -> bus.publish(new ModerationEvent.ModeratorActed(entry))));
        return entries;
    }

    /**
     * Appends an audit entry for a staff member's change made by another feature (a site's webhooks), in
     * the caller's write transaction when there is one, so the change and its entry commit together.
     * {@code before} and {@code after} are JSON; they must hold no secrets.
     */
    public AuditEntry recordAudit(StaffUser who, SiteId site, String action, String targetKind, String target,
                                  Optional<String> reason, Optional<String> before, Optional<String> after) {
        Instant now = clock.instant();
        return db.write(h -> trail.record(h, who, now, site, action, targetKind, target, Optional.empty(), reason, before, after));
    }

    /**
     * Gives the signed-in author of {@code because} exactly {@code badges} from moderators (the newsroom's login may give
     * more); their comments show them from now on. Site-wide moderators and admins only; audited ({@code badges}).
     */
    public Account giveBadges(StaffUser who, CommentId because, Set<Badge> badges) {
        ReviewItem item = casework.inScope(who, List.of(because)).getFirst();
        requireSite(who, item.site(), true);
        Account before = identity.account(item.author()).orElse(null);
        Account after = identity.grantBadges(item.author(), badges);
        recordAudit(who, item.site(), "badges", "commenter", item.author().value(), Optional.empty(),
                Optional.ofNullable(before).map(a -> badgeState(a.badges())), Optional.of(badgeState(after.badges())));
        return after;
    }

    private static String badgeState(Set<Badge> badges) {
        return "{\"badges\":[" + String.join(",", badges.stream().sorted().map(b -> "\"" + b.wireName() + "\"").toList()) + "]}";
    }

    /** True when a ban holds on {@code reader} at {@code at} on any site. */
    public boolean bannedAnywhere(ReaderId reader, Instant at) {
        return db.read(h -> sanctionRows.bannedAnywhere(h, reader, at));
    }

    /** Readers' reports still open that arrived since {@code since}, per site: for alerts when they pile up. */
    public Map<SiteId, Integer> openReportsSince(Instant since) {
        return db.read(h -> reports.openSince(h, since));
    }

    /** A site's rules; any moderator of the site may read them. */
    public ModerationRules rules(StaffUser moderator, SiteId site) {
        requireSite(moderator, site, false);
        return rules.forSite(site);
    }

    /** Replaces a site's rules (site-wide moderators and admins), with an audit entry. */
    public void saveRules(StaffUser moderator, SiteId site, ModerationRules changed, String reason) {
        requireSite(moderator, site, true);
        ModerationRules before = rules.forSite(site);
        if (reason == null || reason.isBlank()) {
            throw new ParleyException.InvalidInput(ModerationProblem.INVALID_RULES, "Say why the rules change; the audit log keeps it.",
                    List.of(new FieldError("reason", "is required")));
        }
        Instant now = clock.instant();
        db.write(h -> {
            rules.saveSite(site, changed, moderator.username(), now);
            trail.record(h, moderator, now, site, "rules", "settings", site.value(), Optional.empty(), Optional.of(reason),
                    Optional.of(Json.text(json, before)), Optional.of(Json.text(json, changed)));
            return null;
        });
    }

    /** A page's own pre-moderation mode, if it has one (else the site's applies). */
    public Optional<Premoderation> pagePremoderation(StaffUser moderator, SiteId site, PageKey page) {
        requirePage(moderator, site, page);
        return rules.pageMode(site, page);
    }

    /**
     * Sets a page's own pre-moderation ({@code Optional.empty()} returns it to the site's) and opens or
     * closes it to new comments, with an audit entry. Moderators of the page's section may do this.
     */
    public void changePage(StaffUser moderator, SiteId site, PageKey page, Optional<Premoderation> mode, boolean open, String reason) {
        Page before = requirePage(moderator, site, page);
        Optional<Premoderation> modeBefore = rules.pageMode(site, page);
        Instant now = clock.instant();
        db.write(h -> {
            rules.savePage(site, page, mode, moderator.username(), now);
            comments.get().upsertPage(site, page, new PageMeta(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(open), java.util.Set.of()));
            trail.record(h, moderator, now, site, "page", "page", page.value(), Optional.empty(), Optional.of(reason),
                    Optional.of(pageState(modeBefore, before.open())), Optional.of(pageState(mode, open)));
            return null;
        });
    }

    private static String pageState(Optional<Premoderation> mode, boolean open) {
        return "{\"premoderation\":" + mode.map(m -> "\"" + m.apiName() + "\"").orElse("null") + ",\"open\":" + open + "}";
    }

    private Page requirePage(StaffUser moderator, SiteId site, PageKey key) {
        sites.require(site.value());
        Page page = comments.get().thread(site, key, Sort.OLDEST, Optional.empty(), 1, Optional.empty()).page();
        if (!moderator.mayModerate(site, page.section())) {
            throw new ParleyException.Forbidden(ModerationProblem.OUT_OF_SCOPE, "Page '" + key + "' of site '" + site + "'"
                    + page.section().map(s -> " (section '" + s + "')").orElse("") + " is outside what you moderate.");
        }
        return page;
    }

    /** A site's word list, banned terms first; any moderator of the site may read it. */
    public List<WordTerm> words(StaffUser moderator, SiteId site) {
        requireSite(moderator, site, false);
        return words.terms(site);
    }

    /**
     * Adds (or changes the kind of) terms and removes others from a site's word list, with an audit
     * entry. Site-wide moderators and admins only; new comments are matched against the new list at once.
     */
    public void changeWords(StaffUser moderator, SiteId site, List<WordTerm> add, List<String> remove, String reason) {
        requireSite(moderator, site, true);
        refuseUnmatchable(add);
        Instant now = clock.instant();
        db.write(h -> {
            words.change(site, add, remove, moderator.username(), now);
            String change = (add.isEmpty() ? "" : "added " + add.stream().map(t -> t.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " \"" + t.text() + "\"").toList()) + (remove.isEmpty() ? "" : " removed " + remove);
            trail.record(h, moderator, now, site, "words", "word-list", site.value(), Optional.empty(), Optional.of(reason),
                    Optional.empty(), Optional.of(change.strip()));
            return null;
        });
    }

    /**
     * Throws 403 {@code banned} or {@code suspended}, with the moderators' message, if a site-wide sanction
     * stops the commenter now: for what they contribute outside a page (image uploads). A sanction of one
     * section stops them in that section only, when they post there.
     */
    public void refuseIfRestricted(SiteId site, ReaderId commenter) {
        sanctions.refuseIfRestricted(site, Optional.empty(), commenter, clock.instant());
    }

    /**
     * Of {@code readers}, those banned from {@code site} at {@code at} (a ban on a section counts too), each with when
     * the ban began: one query however many.
     */
    public Map<ReaderId, Instant> bannedSince(SiteId site, Collection<ReaderId> readers, Instant at) {
        return db.read(h -> sanctionRows.bannedSince(h, site, readers, at));
    }

    /** Changes a site's rules without a moderator (installation scripts, the demo); not audited. */
    public void seedRules(SiteId site, java.util.function.UnaryOperator<ModerationRules> change) {
        this.rules.saveSite(site, change.apply(this.rules.forSite(site)), "system", clock.instant());
    }

    /** Sets up a site's word list without a moderator (installation scripts, the demo); not audited. */
    public void seedWords(SiteId site, List<WordTerm> terms) {
        refuseUnmatchable(terms);
        words.change(site, terms, List.of(), "system", clock.instant());
    }

    /**
     * The audit log within the moderator's scope, filtered as asked, newest first: a section moderator sees
     * what concerns comments in their sections and what they did themselves.
     */
    public List<AuditEntry> audit(StaffUser moderator, AuditQuery query) {
        return auditReader.read(moderator, query);
    }

    /** Every sanction of {@code site} (lifted and ended ones too), oldest first, for a full export of the site. */
    public void sanctionsOn(SiteId site, java.util.function.Consumer<Sanction> out) {
        archive.sanctionsOn(sites.require(site.value()).id(), out);
    }

    /** Every audit entry of {@code site}, oldest first, for a full export of the site. */
    public void auditOn(SiteId site, java.util.function.Consumer<AuditEntry> out) {
        archive.auditOn(sites.require(site.value()).id(), out);
    }

    /**
     * Stores a sanction a site's export holds, under a new id, with its times; {@code lifted} says when it was lifted
     * early, by {@code liftedBy} (a name). Joins the caller's transaction. Returns it as stored.
     */
    public Sanction restoreSanction(Sanction exported, Optional<Instant> lifted, String liftedBy) {
        return archive.restore(exported, lifted, liftedBy);
    }

    /**
     * Appends an audit entry a site's export holds, under a new id, with its time, action, target and reason; its actor
     * id is {@code imported} (no one here did it), its actor name the one exported. Joins the caller's transaction.
     */
    public AuditEntry restoreAudit(AuditEntry exported) {
        return archive.restore(exported);
    }

    /** A term that cannot match anything would sit in the list doing nothing: refuse it by name (422). */
    private void refuseUnmatchable(List<WordTerm> terms) {
        List<WordTerm> unmatchable = words.unmatchable(terms);
        if (!unmatchable.isEmpty()) {
            String term = unmatchable.getFirst().text();
            throw new ParleyException.InvalidInput(ModerationProblem.INVALID_WORDS, "The term '" + term
                    + "' has no letter or digit to match; write the word itself.", List.of(new FieldError("add", "'" + term
                    + "' has no letter or digit to match")));
        }
    }

    private void requireSite(StaffUser moderator, SiteId site, boolean wholeSite) {
        sites.require(site.value());
        boolean allowed = wholeSite ? moderator.mayModerate(site, Optional.empty())
                : moderator.isAdmin() || moderator.scopes().stream().anyMatch(scope -> scope.site().equals(site));
        if (!allowed) {
            throw new ParleyException.Forbidden(ModerationProblem.OUT_OF_SCOPE, wholeSite
                    ? "Only site-wide moderators of '" + site + "' and admins change its rules."
                    : "You do not moderate site '" + site + "'.");
        }
    }

    RulesBook rulesBook() {
        return rules;
    }

    Sanctions sanctions() {
        return sanctions;
    }

    /** Readers' routes (reports, notices) and moderators' (bans, by {@code staff}'s sessions), to mount under {@code /api/v1}. */
    public HttpService routes(org.parley.staff.Staff staff) {
        return new ModerationRoutes(this, identity, sites, staff);
    }
}
