package org.parley.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.comments.Comment;
import org.parley.comments.CommentStatus;
import org.parley.comments.Comments;
import org.parley.comments.CommentsConfig;
import org.parley.comments.Gate;
import org.parley.comments.Markdown;
import org.parley.comments.NewComment;
import org.parley.comments.PageKey;
import org.parley.comments.Sort;
import org.parley.comments.ThreadNode;
import org.parley.comments.ThreadPage;
import org.parley.comments.Verdict;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.identity.Login;
import org.parley.identity.ReaderId;
import org.parley.live.InProcessEventBus;
import org.parley.live.LiveStreams;
import org.parley.media.Media;
import org.parley.media.MediaConfig;
import org.parley.comments.Reason;
import org.parley.comments.Verdict;
import org.parley.moderation.AuditEntry;
import org.parley.moderation.AuditQuery;
import org.parley.moderation.Moderation;
import org.parley.moderation.ModeratorAction;
import org.parley.staff.Role;
import org.parley.staff.StaffId;
import org.parley.staff.StaffUser;
import org.parley.moderation.ModerationRules;
import org.parley.words.Words;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.MutableClock;

/**
 * What an import promises about what it stores, run once per database: threading, statuses, times, authors and
 * cleaned HTML as the export had them; nothing twice; nothing at all from a file it refuses.
 */
abstract class ImportsContract {

    static final SiteId SITE = new SiteId("courier");

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    Comments comments;
    Identity identity;
    Imports imports;
    Sites sites;
    Moderation moderation;
    List<ImportProgress> progress = new ArrayList<>();

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        sites = Sites.create(db, clock);
        sites.save(NewSite.withDefaults(SITE, "The Courier", List.of("https://courier.example")));
        identity = Identity.create(db, clock, sites);
        Media media = Media.create(db, clock, MediaConfig.defaults());
        comments = Comments.create(db, clock, new InProcessEventBus(), LiveStreams.create(Duration.ofSeconds(30), 16), sites,
                identity, media, CommentsConfig.defaults(), Gate.PUBLISH_ALL);
        moderation = moderation(db, sites, identity, comments);
        imports = Imports.create(db, clock, sites, identity, comments, moderation);
    }

    Moderation moderation(Database on, Sites sitesThere, Identity identityThere, Comments commentsThere) {
        return Moderation.create(on, clock, new InProcessEventBus(), sitesThere, identityThere, Words.create(on), () -> commentsThere,
                ModerationRules.defaults(), text -> {
                    throw new AssertionError("an import never asks the abuse model");
                });
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    static Path export(String name) {
        try {
            return Path.of(ImportsContract.class.getResource("/imports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    ImportOutcome run(ImportFormat format, PageKeyRule rule, String file, boolean dryRun) {
        return imports.run(new ImportRequest(SITE, format, rule, dryRun), export(file), progress::add);
    }

    ImportSummary imported(ImportFormat format, PageKeyRule rule, String file) {
        ImportOutcome outcome = run(format, rule, file, false);
        assertThat(outcome).isInstanceOf(ImportOutcome.Done.class);
        return ((ImportOutcome.Done) outcome).summary();
    }

    String refused(ImportFormat format, String file) {
        ImportOutcome outcome = run(format, PageKeyRule.PATH, file, false);
        assertThat(outcome).isInstanceOf(ImportOutcome.Refused.class);
        return ((ImportOutcome.Refused) outcome).reason();
    }

    ThreadPage thread(String key) {
        return comments.thread(SITE, new PageKey(key), Sort.OLDEST, Optional.empty(), 50, Optional.empty());
    }

    long storedComments() {
        return Comments.stored(db);
    }

    /** The comment an export's comment became, as moderators see it (whatever its status). */
    String statusOf(String source, String sourceId) {
        return db.read(h -> h.createQuery("""
                        SELECT c.status FROM comments c JOIN import_sources s ON s.parley_id = c.id
                        WHERE s.source = :source AND s.kind = 'comment' AND s.source_id = :id""")
                .bind("source", source).bind("id", sourceId).mapTo(String.class).one());
    }

    static Comment only(List<ThreadNode> nodes, String text) {
        return nodes.stream().map(ThreadNode::comment).filter(c -> c.html().text().strip().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no comment with '" + text + "' among " + nodes));
    }

    @Test
    void disqusRepliesKeepTheirThreadingAtAnyDepthEvenWhenAReplyComesBeforeItsParent() {
        ImportSummary summary = imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        assertThat(summary.pages()).isEqualTo(2);
        ThreadPage river = thread("river-report");
        assertThat(river.page().title()).contains("The river report");
        assertThat(river.page().url()).contains("https://courier.example/2019/05/river-report?utm_source=feed");
        ThreadNode first = river.comments().getFirst();
        assertThat(first.comment().html().text().strip()).contains("The water rose fast.");
        ThreadNode second = first.replies().getFirst();
        assertThat(second.comment().html().text().strip()).isEqualTo("A reply to Ann.");
        ThreadNode third = second.replies().getFirst();
        assertThat(third.comment().html().text().strip()).isEqualTo("Third level, listed before its parent.");
        ThreadNode fourth = third.replies().getFirst();
        assertThat(fourth.comment().html().text().strip()).isEqualTo("Fourth level down.");
        assertThat(fourth.comment().depth()).isEqualTo(3);
        assertThat(first.comment().createdAt()).isEqualTo(Instant.parse("2019-05-01T09:00:00Z"));
        assertThat(fourth.comment().createdAt()).isEqualTo(Instant.parse("2019-05-01T12:00:00Z"));
        assertThat(river.page().commentCount()).isEqualTo(6);
    }

    @Test
    void importedHtmlIsCleanedLikeANewCommentsAndCannotRunScript() {
        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        String html = thread("river-report").comments().getFirst().comment().html().html();
        assertThat(html).contains("<strong>water</strong>", "<em>fast</em>", "href=\"https://example.org/levels\"")
                .doesNotContain("script", "onclick", "javascript", "steal", "alert");
        assertThat(html.replaceAll(".*rel=\"([^\"]*)\".*", "$1").split(" ")).contains("nofollow", "ugc");
        // A comment that was only a script shows nothing: kept as a deleted placeholder, never as markup.
        assertThat(statusOf("disqus", "2009")).isEqualTo("deleted");
    }

    @Test
    void deletedAndSpamAreNeverPublishedAndRepliesToADeletedCommentKeepTheirPlace() {
        ImportSummary summary = imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        assertThat(statusOf("disqus", "2005")).isEqualTo("deleted");
        assertThat(statusOf("disqus", "2007")).isEqualTo("rejected");
        ThreadNode placeholder = thread("river-report").comments().stream()
                .filter(n -> n.comment().status() == CommentStatus.DELETED).findFirst().orElseThrow();
        assertThat(placeholder.comment().html().html()).isEmpty();
        assertThat(placeholder.comment().author()).isEmpty();
        assertThat(placeholder.replies().getFirst().comment().html().text().strip()).isEqualTo("Replying to a deleted comment.");
        assertThat(summary.imported()).containsEntry("published", 8L).containsEntry("rejected", 1L).containsEntry("deleted", 2L);
        assertThat(thread("river-report").comments()).noneMatch(n -> n.comment().html().text().strip().contains("Cheap watches"));
    }

    @Test
    void aReplyWhoseParentIsMissingBecomesTopLevelWithAWarning() {
        ImportSummary summary = imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        Comment orphan = only(thread("river-report").comments(), "My parent was lost");
        assertThat(orphan.parentId()).isEmpty();
        assertThat(summary.warnings()).anyMatch(w -> w.contains("2008") && w.contains("2999") && w.contains("top-level"));
        assertThat(summary.skipped()).containsEntry("unknown-page", 1L);
        assertThat(summary.warnings()).anyMatch(w -> w.contains("2201"));
    }

    @Test
    void nonLatinTextAndNamesArriveIntact() {
        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        ThreadPage market = thread("market-day");
        assertThat(market.page().title()).contains("سوق الأحد / 周日集市");
        Comment arabic = market.comments().getFirst().comment();
        assertThat(arabic.html().text().strip()).isEqualTo("السوق مزدحم اليوم، والأسعار مرتفعة.");
        assertThat(arabic.author().orElseThrow().name()).contains("ليلى");
        Comment chinese = market.comments().getFirst().replies().getFirst().comment();
        assertThat(chinese.html().text().strip()).isEqualTo("我同意，蔬菜比上周贵。");
        assertThat(chinese.author().orElseThrow().name()).contains("王伟");
    }

    @Test
    void oneAuthorIsOneGuestAcrossTheirCommentsWhateverTheCaseOfTheirEmail() {
        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        ThreadNode first = thread("river-report").comments().getFirst();
        ReaderId ann = first.comment().author().orElseThrow().id();
        ReaderId annAgain = first.replies().getFirst().replies().getFirst().comment().author().orElseThrow().id();
        ReaderId bob = first.replies().getFirst().comment().author().orElseThrow().id();
        assertThat(ann).isEqualTo(annAgain).isNotEqualTo(bob);
        assertThat(ann.isGuest()).isTrue();
        assertThat(first.comment().author().orElseThrow().name()).contains("Ann Riverside");
    }

    @Test
    void anAuthorWhoseEmailAnAccountHasVerifiedBecomesThatAccount() {
        ReaderId account = identity.signIn(SITE, new Login("email", "ann@example.org", Optional.of("Ann R."),
                Optional.of("ann@example.org"), true, Set.of(), false)).account().id();

        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        Comment first = thread("river-report").comments().getFirst().comment();
        assertThat(first.author().orElseThrow().id()).isEqualTo(account);
        assertThat(first.author().orElseThrow().name()).contains("Ann R.");
    }

    @Test
    void importingTheSameFileAgainAddsNothing() {
        ImportSummary first = imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");
        long stored = storedComments();
        ThreadPage before = thread("river-report");

        ImportSummary second = imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        assertThat(storedComments()).isEqualTo(stored).isEqualTo(first.importedTotal());
        assertThat(second.importedTotal()).isZero();
        assertThat(second.skipped()).containsEntry("already-imported", first.importedTotal());
        assertThat(thread("river-report").comments()).isEqualTo(before.comments());
    }

    @Test
    void aLaterExportAddsOnlyItsNewCommentsWhichMayReplyToCommentsImportedBefore() {
        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");
        long before = storedComments();

        ImportSummary later = imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus-later.xml");

        assertThat(later.importedTotal()).isEqualTo(1);
        assertThat(later.skipped()).containsEntry("already-imported", 1L);
        assertThat(storedComments()).isEqualTo(before + 1);
        ThreadNode fourth = thread("river-report").comments().getFirst().replies().getFirst().replies().getFirst().replies().getFirst();
        Comment reply = fourth.replies().getFirst().comment();
        assertThat(reply.html().text().strip()).startsWith("Written after the first export");
        assertThat(reply.depth()).isEqualTo(4);
        assertThat(reply.author().orElseThrow().id())
                .isEqualTo(thread("river-report").comments().getFirst().comment().author().orElseThrow().id());
    }

    @Test
    void anAuthorWhoLeftParleyIsNotBroughtBackByALaterImport() {
        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");
        ReaderId ann = thread("river-report").comments().getFirst().comment().author().orElseThrow().id();
        identity.forget(ann);

        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus-later.xml");

        ReaderId later = only(thread("river-report").comments().getFirst().replies().getFirst().replies().getFirst()
                .replies().getFirst().replies(), "Written after the first export").author().orElseThrow().id();
        assertThat(later).isNotEqualTo(ann);
        assertThat(identity.since(later)).isPresent();
    }

    /** Leaving Parley takes the digest of the reader's archived email with it: nothing links the archive to them. */
    @Test
    void aReaderWhoLeavesTakesTheLinkFromTheArchiveToThemAlong() {
        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");
        ReaderId ann = thread("river-report").comments().getFirst().comment().author().orElseThrow().id();
        assertThat(authorRows(ann)).isPositive();

        imports.forgetReader(ann);

        assertThat(authorRows(ann)).isZero();
    }

    private int authorRows(ReaderId reader) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM import_sources WHERE kind = 'author' AND parley_id = :reader")
                .bind("reader", reader.value()).mapTo(Integer.class).one());
    }

    @Test
    void wordpressKeepsThreadingStatusAndTimesAndSkipsPingbacksAndTrackbacks() {
        ImportSummary summary = imported(ImportFormat.WORDPRESS, PageKeyRule.PATH, "wordpress.xml");

        assertThat(summary.imported()).containsEntry("published", 4L).containsEntry("pending", 1L).containsEntry("rejected", 2L);
        assertThat(summary.skipped()).containsEntry("pingback", 1L).containsEntry("trackback", 1L);
        ThreadPage bridge = thread("/2018/03/bridge-closed/");
        ThreadNode question = bridge.comments().getFirst();
        assertThat(question.comment().html().html()).contains("<p>How long will it be closed?</p>", "<br");
        assertThat(question.comment().createdAt()).isEqualTo(Instant.parse("2018-03-01T09:15:00Z"));
        ThreadNode answer = question.replies().getFirst();
        assertThat(answer.comment().html().text().strip()).startsWith("Two weeks, says the council");
        assertThat(statusOf("wordpress", "103")).isEqualTo("pending");
        assertThat(statusOf("wordpress", "104")).isEqualTo("rejected");
        assertThat(statusOf("wordpress", "105")).isEqualTo("rejected");
        Comment orphan = only(bridge.comments(), "My parent is missing.");
        assertThat(orphan.createdAt()).isEqualTo(Instant.parse("2018-03-03T10:00:00Z"));
        assertThat(summary.warnings()).anyMatch(w -> w.contains("108") && w.contains("top-level"));
        assertThat(thread("/about/").comments().getFirst().comment().html().text().strip()).isEqualTo("شكراً على التغطية المحلية.");
        assertThat(bridge.comments()).noneMatch(n -> n.comment().html().text().strip().contains("the bridge is closed [")
                || n.comment().html().text().strip().contains("Trackback"));
    }

    @Test
    void aHeldWordpressCommentWaitsForAModeratorWithItsScriptLinkRemoved() {
        imported(ImportFormat.WORDPRESS, PageKeyRule.PATH, "wordpress.xml");

        String html = db.read(h -> h.createQuery("""
                        SELECT c.html FROM comments c JOIN import_sources s ON s.parley_id = c.id
                        WHERE s.source = 'wordpress' AND s.kind = 'comment' AND s.source_id = '103'""")
                .mapTo(String.class).one());
        assertThat(html).contains("Still waiting for an answer").doesNotContain("javascript", "onmouseover");
        String review = db.read(h -> h.createQuery("""
                        SELECT c.review FROM comments c JOIN import_sources s ON s.parley_id = c.id
                        WHERE s.source = 'wordpress' AND s.source_id = '103'""").mapTo(String.class).one());
        assertThat(review).isEqualTo("open");
    }

    @Test
    void aCommentAnExportListsUnderTwoPagesIsImportedOnceAndALocalTimeIsFlagged() {
        ImportSummary summary = imported(ImportFormat.WORDPRESS, PageKeyRule.PATH, "wordpress-duplicate.xml");

        assertThat(summary.importedTotal()).isEqualTo(1);
        assertThat(summary.skipped()).containsEntry("already-imported", 1L);
        assertThat(storedComments()).isEqualTo(1);
        assertThat(summary.warnings()).anyMatch(w -> w.contains("comment 7") && w.contains("local time"));
    }

    @Test
    void aRemark42BackupKeepsThreadingVotesAndDeletionsWhateverTheOrderOfItsLines() {
        ImportSummary summary = imported(ImportFormat.REMARK42, PageKeyRule.PATH, "remark42.json");

        assertThat(summary.imported()).containsEntry("published", 5L).containsEntry("deleted", 1L);
        assertThat(summary.pages()).isEqualTo(2);
        ThreadPage tram = thread("/2020/01/tram-line/");
        assertThat(tram.page().title()).contains("The tram line");
        ThreadNode first = tram.comments().getFirst();
        assertThat(first.comment().html().html()).contains("<strong>tram</strong>").doesNotContain("javascript", "onclick", "script");
        assertThat(first.comment().up()).isEqualTo(2);
        assertThat(first.comment().down()).isEqualTo(1);
        ThreadNode third = first.replies().getFirst().replies().getFirst();
        assertThat(third.comment().html().text().strip()).isEqualTo("And a third level.");
        assertThat(third.comment().createdAt()).isEqualTo(Instant.parse("2020-01-05T11:00:00.123Z")); // +01:00, to the millisecond Parley keeps
        assertThat(third.comment().author().orElseThrow().id()).isEqualTo(first.comment().author().orElseThrow().id());
        assertThat(statusOf("remark42", "r-4")).isEqualTo("deleted");
        assertThat(only(tram.comments(), "Orphan.").parentId()).isEmpty();
        assertThat(thread("/2020/02/bus/").comments().getFirst().comment().author().orElseThrow().name()).contains("李娜");
        assertThat(imported(ImportFormat.REMARK42, PageKeyRule.PATH, "remark42.json").importedTotal()).isZero();
    }

    @Test
    void aCommentoExportKeepsThreadingAndNamesAndNeverPublishesWhatWaitedForAModerator() {
        ImportSummary summary = imported(ImportFormat.COMMENTO, PageKeyRule.PATH, "commento.json");

        assertThat(summary.imported()).containsEntry("published", 3L).containsEntry("pending", 2L).containsEntry("deleted", 1L);
        ThreadNode first = thread("/2021/03/heatwave").comments().getFirst();
        assertThat(first.comment().html().html()).contains("<strong>cool</strong>").doesNotContain("img", "onerror", "alert");
        assertThat(first.comment().author().orElseThrow().name()).contains("Ann Riverside");
        assertThat(first.comment().up()).isEqualTo(3);
        Comment arabic = first.replies().getFirst().comment();
        assertThat(arabic.author().orElseThrow().name()).contains("عمر");
        assertThat(arabic.down()).isEqualTo(1);
        assertThat(first.replies().getFirst().replies().getFirst().comment().author().orElseThrow().id())
                .isEqualTo(first.comment().author().orElseThrow().id());
        assertThat(statusOf("commento", "c4")).isEqualTo("pending");
        assertThat(statusOf("commento", "c5")).isEqualTo("pending");
        assertThat(statusOf("commento", "c6")).isEqualTo("deleted");
        assertThat(thread("https://courier.example/2021/03/heatwave").comments()).isEmpty();
    }

    @Test
    void pageKeysFollowTheChosenRule() {
        imported(ImportFormat.WORDPRESS, PageKeyRule.URL, "wordpress.xml");
        assertThat(thread("https://courier.example/2018/03/bridge-closed/").comments()).isNotEmpty();

        imported(ImportFormat.WORDPRESS, PageKeyRule.ID, "wordpress.xml");
        // Already imported under the URL rule: the same comments are not imported again under another key.
        assertThat(thread("12").comments()).isEmpty();
    }

    @Test
    void aDryRunPrintsTheMappingAndWritesNothing() {
        ImportOutcome outcome = run(ImportFormat.WORDPRESS, PageKeyRule.PATH, "wordpress.xml", true);

        ImportSummary summary = ((ImportOutcome.Done) outcome).summary();
        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.mapping()).extracting(PageMapping::pageKey).containsExactly("/2018/03/bridge-closed/", "/about/");
        assertThat(summary.mapping().getFirst().comments()).isEqualTo(6);
        assertThat(summary.importedTotal()).isEqualTo(7);
        assertThat(storedComments()).isZero();
    }

    @Test
    void progressReachesEveryPageAndComment() {
        imported(ImportFormat.WORDPRESS, PageKeyRule.PATH, "wordpress.xml");

        assertThat(progress).isNotEmpty();
        assertThat(progress.getLast().pagesDone()).isEqualTo(progress.getLast().pagesTotal()).isEqualTo(2);
        assertThat(progress.getLast().commentsDone()).isEqualTo(9);
    }

    @Test
    void malformedXmlIsRefusedNamingTheLineAndNothingIsWritten() {
        String reason = refused(ImportFormat.DISQUS, "malformed.xml");

        assertThat(reason).contains("malformed.xml", "line 6", "not well-formed XML", "title");
        assertThat(storedComments()).isZero();
    }

    @Test
    void aFileWithADoctypeOrExternalEntityIsRefused() {
        String reason = refused(ImportFormat.DISQUS, "xxe.xml");

        assertThat(reason).contains("xxe.xml", "DOCTYPE").doesNotContain("root:");
        assertThat(storedComments()).isZero();
    }

    @Test
    void aPostWithoutItsTimeIsRefusedNamingItsLineAndNothingIsWritten() {
        String reason = refused(ImportFormat.DISQUS, "disqus-missing-time.xml");

        assertThat(reason).contains("line 12", "post", "createdAt");
        assertThat(storedComments()).isZero();
    }

    @Test
    void anEmptyFileOrOneThatIsNotXmlIsRefusedAsNotWellFormed() throws Exception {
        Path empty = dir.resolve("empty.xml");
        java.nio.file.Files.write(empty, new byte[0]);
        Path json = dir.resolve("comments.json");
        java.nio.file.Files.writeString(json, "{\"comments\": []}");
        Path binary = dir.resolve("export.zip");
        java.nio.file.Files.write(binary, new byte[] {0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, (byte) 0xff, (byte) 0xfe});

        for (Path file : List.of(empty, json, binary)) {
            ImportOutcome outcome = imports.run(new ImportRequest(SITE, ImportFormat.WORDPRESS, PageKeyRule.PATH, false), file, p -> { });
            assertThat(outcome).isInstanceOf(ImportOutcome.Refused.class);
            assertThat(((ImportOutcome.Refused) outcome).reason()).contains(file.getFileName().toString(), "line 1", "not well-formed XML");
        }
        assertThat(storedComments()).isZero();
    }

    @Test
    void theWrongFormatIsRefusedWithTheCommandToUse() {
        assertThat(refused(ImportFormat.DISQUS, "wordpress.xml")).contains("not a Disqus export", "parley import wordpress");
        assertThat(refused(ImportFormat.WORDPRESS, "disqus.xml")).contains("not a WordPress export", "parley import disqus");
        assertThat(refused(ImportFormat.REMARK42, "disqus.xml")).contains("disqus.xml", "line 1", "not well-formed JSON");
    }

    @Test
    void aParleyExportReadBackIntoAnotherSiteShowsTheSameThreads() throws Exception {
        SiteId archive = new SiteId("archive");
        sites.save(NewSite.withDefaults(archive, "The Archive", List.of("https://archive.example")));
        ReaderId ann = identity.createGuest().id();
        ReaderId bob = identity.createGuest().id();
        PageKey key = new PageKey("2026/12/floods");
        Comment first = post(archive, key, ann, Optional.empty(), "Ann", "The **water** is back. [Levels](https://example.org/levels)");
        Comment reply = post(archive, key, bob, Optional.of(first), "Bob", "Not on our street.");
        post(archive, key, ann, Optional.of(reply), "Ann", "Lucky you! مرحبا 你好");
        Comment regretted = post(archive, key, bob, Optional.empty(), "Bob", "Something I take back.");
        comments.delete(archive, bob, regretted.id());
        Comment rude = post(archive, key, bob, Optional.of(first), "Bob", "A rude remark.");
        comments.moderate(rude.id(), new org.parley.comments.ModerationChange.Reject(Optional.of("Be civil.")));
        comments.vote(archive, bob, first.id(), 1, "192.0.2.7");
        comments.vote(archive, ann, reply.id(), -1, "198.51.100.9");
        post(archive, new PageKey("2026/12/market"), ann, Optional.empty(), "Ann", "Second page.");

        Path file = dir.resolve("archive.json");
        ExportSummary exported;
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            exported = imports.export(archive, out);
        }
        ImportSummary summary = imported(file, PageKeyRule.ID);

        assertThat(exported).isEqualTo(new ExportSummary(2, 6, 2, 2, 0, 0, 0));
        assertThat(summary.importedTotal()).isEqualTo(6);
        assertThat(summary.imported()).containsEntry("deleted", 1L).containsEntry("rejected", 1L).containsEntry("published", 4L);
        java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
        imports.export(SITE, copy);
        assertThat(comparable(copy.toByteArray())).isEqualTo(comparable(java.nio.file.Files.readAllBytes(file)));
        assertThat(imported(file, PageKeyRule.ID).importedTotal()).isZero();
        ThreadNode imported = thread("2026/12/floods").comments().getFirst();
        assertThat(imported.comment().up()).isEqualTo(1);
        assertThat(imported.replies().getFirst().comment().down()).isEqualTo(1);
    }

    Comment post(SiteId site, PageKey key, ReaderId author, Optional<Comment> parent, String name, String body) {
        clock.advance(Duration.ofMinutes(3));
        return comments.post(author, new org.parley.comments.NewComment(site, key, parent.map(Comment::id),
                new org.parley.comments.Markdown(body), Optional.of(name), Optional.of("Floods"), Optional.of("https://archive.example/floods"),
                "192.0.2.1"));
    }

    ImportSummary imported(Path file, PageKeyRule rule) {
        ImportOutcome outcome = imports.run(new ImportRequest(SITE, ImportFormat.PARLEY, rule, false), file, progress::add);
        assertThat(outcome).isInstanceOf(ImportOutcome.Done.class);
        return ((ImportOutcome.Done) outcome).summary();
    }

    /**
     * An export with what must differ between two copies of a site taken out: the site and the export's time; every
     * id (comments, readers, sanctions, audit entries), numbered in the order it first appears, since each copy makes
     * its own; of each reader, their kind and since when (an account elsewhere arrives as a guest, its sign-in is not
     * exported, and a guest an import makes is created then); and of each audit entry whether an import brought it
     * (the copy's entries all did). Readers are listed by their number, as each copy lists them by its own ids.
     */
    static com.fasterxml.jackson.databind.JsonNode comparable(byte[] export) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(export);
        tree.remove(List.of("site", "exportedAt"));
        Map<String, String> numbered = new java.util.HashMap<>();
        java.util.function.BiConsumer<com.fasterxml.jackson.databind.JsonNode, List<String>> renumber = (node, fields) -> {
            for (String field : fields) {
                if (node.hasNonNull(field)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) node).put(field,
                            numbered.computeIfAbsent(node.get(field).asText(), k -> "#" + numbered.size()));
                }
            }
        };
        for (com.fasterxml.jackson.databind.JsonNode page : tree.get("pages")) {
            for (com.fasterxml.jackson.databind.JsonNode comment : page.get("comments")) {
                renumber.accept(comment, List.of("id", "parentId", "authorId"));
                comment.path("votes").forEach(vote -> renumber.accept(vote, List.of("voterId")));
            }
        }
        tree.path("blocks").forEach(block -> renumber.accept(block, List.of("blockerId", "blockedId")));
        tree.path("sanctions").forEach(sanction -> renumber.accept(sanction, List.of("id", "readerId")));
        tree.path("moderation").forEach(entry -> {
            renumber.accept(entry, List.of("id", "targetId", "subjectId"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) entry).remove("imported");
        });
        List<com.fasterxml.jackson.databind.JsonNode> readers = new ArrayList<>();
        tree.path("readers").forEach(reader -> {
            renumber.accept(reader, List.of("id"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) reader).remove(List.of("kind", "createdAt"));
            readers.add(reader);
        });
        readers.sort(java.util.Comparator.comparing(r -> r.get("id").asText()));
        if (tree.has("readers")) {
            tree.putArray("readers").addAll(readers);
        }
        return tree;
    }

    @Test
    void aParleyExportThatIsNotOneIsRefused() throws Exception {
        Path notJson = dir.resolve("broken.json");
        java.nio.file.Files.writeString(notJson, "{\"format\": \"parley-export\", \"version\": 1,\n \"pages\": [ {\"key\": ");
        Path other = dir.resolve("other.json");
        java.nio.file.Files.writeString(other, "{\"format\": \"something-else\", \"pages\": []}");

        ImportOutcome broken = imports.run(new ImportRequest(SITE, ImportFormat.PARLEY, PageKeyRule.ID, false), notJson, p -> { });
        ImportOutcome wrong = imports.run(new ImportRequest(SITE, ImportFormat.PARLEY, PageKeyRule.ID, false), other, p -> { });

        assertThat(((ImportOutcome.Refused) broken).reason()).contains("broken.json line 2", "not well-formed JSON");
        assertThat(((ImportOutcome.Refused) wrong).reason()).contains("not a Parley export");
        assertThat(storedComments()).isZero();
    }

    @Test
    void anUnknownSiteIsRefusedBeforeTheFileIsRead() {
        assertThatThrownBy(() -> imports.run(new ImportRequest(new SiteId("nowhere"), ImportFormat.DISQUS, PageKeyRule.ID, false),
                export("disqus.xml"), p -> { })).isInstanceOf(ParleyException.NotFound.class);
    }

    @Test
    void importedCommentsCountForTheirAuthorsLikeOthers() {
        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");

        Map<PageKey, Integer> counts = comments.counts(SITE, List.of(new PageKey("river-report"), new PageKey("market-day")),
                Optional.empty());
        assertThat(counts).containsEntry(new PageKey("river-report"), 6).containsEntry(new PageKey("market-day"), 2);
    }

    @Test
    void onSqliteABigImportLeavesTheIndexOfCommentsByAuthorOutUntilItsEndAndASmallOneDoesNot() {
        boolean sqlite = config.vendor() == org.parley.store.Vendor.SQLITE;
        java.util.function.Supplier<Boolean> authorIndex = () -> db.read(h -> h.createQuery(sqlite
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'comments_by_author_page'"
                : "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'comments_by_author_page' AND schemaname = current_schema()")
                .mapTo(Integer.class).one() == 1);

        assertThat(comments.importing(1_000_000, authorIndex)).isEqualTo(!sqlite);
        assertThat(authorIndex.get()).isTrue();
        assertThat(comments.importing(1_000, authorIndex)).isTrue();
    }

    @Test
    void screeningKnowsAnImportedAuthorByTheCommentsTheirArchivePublished() {
        imported(ImportFormat.DISQUS, PageKeyRule.ID, "disqus.xml");
        List<Comment> shown = java.util.stream.Stream.of("river-report", "market-day")
                .flatMap(key -> everyComment(thread(key).comments()).stream())
                .filter(c -> c.status() == CommentStatus.PUBLISHED && c.author().isPresent()).toList();
        ReaderId author = shown.getFirst().author().orElseThrow().id();
        long theirs = shown.stream().filter(c -> c.author().orElseThrow().id().equals(author)).count();
        List<Integer> seen = new ArrayList<>();
        Comments screened = Comments.create(db, clock, new InProcessEventBus(), LiveStreams.create(Duration.ofSeconds(30), 16),
                sites, identity, Media.create(db, clock, MediaConfig.defaults()), CommentsConfig.defaults(), submission -> {
                    seen.add(submission.authorPublished());
                    return Verdict.publish();
                });

        screened.post(author, new NewComment(SITE, new PageKey("river-report"), Optional.empty(), new Markdown("Back again."),
                Optional.empty(), Optional.empty(), Optional.empty(), "203.0.113.9"));

        assertThat(theirs).isPositive();
        assertThat(seen).containsExactly((int) theirs);
    }

    /** The comments of {@code nodes} and of all the replies below them. */
    static List<Comment> everyComment(List<ThreadNode> nodes) {
        List<Comment> all = new ArrayList<>();
        nodes.forEach(node -> {
            all.add(node.comment());
            all.addAll(everyComment(node.replies()));
        });
        return all;
    }

    /** Holds what says "(hold)" for a moderator and flags what says "(flag)", each with a reason; publishes the rest. */
    static final Gate HOLD_OR_FLAG = submission -> {
        String text = submission.body().source();
        if (text.contains("(hold)")) {
            return new Verdict(Verdict.Decision.HOLD, List.of(new Reason("words", Reason.Level.HOLD, "Held: a word on the list.",
                    List.of(new Reason.Span(0, 6, "(hold)", 1.0)))), Optional.empty());
        }
        if (text.contains("(flag)")) {
            return new Verdict(Verdict.Decision.PUBLISH, List.of(new Reason("abuse", Reason.Level.FLAG, "Flagged: may be hostile.",
                    List.of())), Optional.empty());
        }
        return Verdict.publish();
    };

    static final StaffUser ADMIN = new StaffUser(new StaffId("st_000000000aaaaaaaa"), "edna", Role.ADMIN, List.of());

    /** The doors of one Parley installation, for a test that needs a second one beside {@link #db}. */
    record Installation(Database db, Sites sites, Identity identity, Comments comments, Moderation moderation, Imports imports) {
    }

    Installation installation(Database on, Gate gate) {
        Sites sitesThere = Sites.create(on, clock);
        Identity identityThere = Identity.create(on, clock, sitesThere);
        Comments commentsThere = Comments.create(on, clock, new InProcessEventBus(), LiveStreams.create(Duration.ofSeconds(30), 16),
                sitesThere, identityThere, Media.create(on, clock, MediaConfig.defaults()), CommentsConfig.defaults(), gate);
        Moderation moderationThere = moderation(on, sitesThere, identityThere, commentsThere);
        return new Installation(on, sitesThere, identityThere, commentsThere, moderationThere,
                Imports.create(on, clock, sitesThere, identityThere, commentsThere, moderationThere));
    }

    /** What the round trip starts from: a site with a thread that has everything an export must carry, and its export. */
    record Archive(Installation at, SiteId site, PageKey page, byte[] export, ExportSummary summary, String secrets) {
    }

    static final SiteId ARCHIVE = new SiteId("archive");
    static final PageKey FLOODS = new PageKey("2026/12/floods");

    /**
     * Site {@code archive}: a thread four levels deep, by guests and a signed-in account (who has an email address and
     * a session); one comment held for a moderator, one flagged, one rejected, one deleted by its author, one featured;
     * votes from several readers; a reader blocking another; a ban; the audit entries moderators' actions wrote.
     */
    Archive archive() throws java.io.IOException {
        Installation source = installation(db, HOLD_OR_FLAG);
        source.sites().save(NewSite.withDefaults(ARCHIVE, "The Archive", List.of("https://archive.example")));
        ReaderId ann = source.identity().createGuest().id();
        org.parley.identity.NewGuest bobGuest = source.identity().createGuest();
        ReaderId bob = bobGuest.id();
        ReaderId carol = source.identity().createGuest().id();
        ReaderId dan = source.identity().createGuest().id();
        org.parley.identity.SignedIn rob = source.identity().signIn(ARCHIVE, new Login("sso", "newsroom-user-7731",
                Optional.of("Rob Reader"), Optional.of("rob.reader@example.org"), true, Set.of(), false));
        ReaderId robId = rob.account().id();

        Comment first = post(source, ann, Optional.empty(), "Ann", "The **water** is back. [Levels](https://example.org/levels)");
        Comment second = post(source, robId, Optional.of(first), "Rob Reader", "Our cellar is dry, for now.");
        Comment third = post(source, ann, Optional.of(second), "Ann", "Lucky you! مرحبا 你好");
        Comment fourth = post(source, bob, Optional.of(third), "Bob", "Fourth level: the bridge is closed.");
        post(source, bob, Optional.of(first), "Bob", "Everyone here is an idiot (hold)");
        Comment flagged = post(source, dan, Optional.of(first), "Dan", "You lot never listen (flag)");
        Comment rude = post(source, bob, Optional.of(first), "Bob", "A rude remark.");
        Comment regretted = post(source, bob, Optional.empty(), "Bob", "Something I take back.");
        source.comments().delete(ARCHIVE, bob, regretted.id());
        post(source, ann, Optional.empty(), "Ann", "A second page.", new PageKey("2026/12/market"));
        // Carol only votes on the first page and writes on the second: one reader wherever an import meets her first.
        Comment market = post(source, carol, Optional.empty(), "Carol", "Prices are up at the market.", new PageKey("2026/12/market"));

        vote(source, bob, first, 1, "192.0.2.7");
        vote(source, carol, first, 1, "198.51.100.9");
        vote(source, dan, first, -1, "203.0.113.5");
        vote(source, carol, second, -1, "198.51.100.9");
        vote(source, ann, fourth, 1, "192.0.2.1");
        vote(source, robId, flagged, -1, "192.0.2.99");
        clock.advance(Duration.ofMinutes(1));
        source.identity().block(ann, bob, Optional.of("Bob"), ARCHIVE, new org.parley.identity.Voice(null, null, false));
        clock.advance(Duration.ofMinutes(1));
        source.moderation().act(ADMIN, new ModeratorAction.Reject(List.of(rude.id()), "Be civil."));
        clock.advance(Duration.ofMinutes(1));
        source.moderation().act(ADMIN, new ModeratorAction.Feature(second.id(), true));
        clock.advance(Duration.ofMinutes(1));
        source.moderation().act(ADMIN, new ModeratorAction.Ban(rude.id(), "Insults again: you are banned."));
        clock.advance(Duration.ofMinutes(1));
        // An audit entry about a comment of the export's last page, which is stored in the same transaction.
        source.moderation().act(ADMIN, new ModeratorAction.Feature(market.id(), true));
        clock.advance(Duration.ofMinutes(1));

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ExportSummary summary = source.imports().export(ARCHIVE, out);
        return new Archive(source, ARCHIVE, FLOODS, out.toByteArray(), summary, String.join("\n", rob.token(), bobGuest.token(),
                "rob.reader@example.org", "newsroom-user-7731", org.parley.store.Ids.digest(bobGuest.token())));
    }

    Comment post(Installation at, ReaderId author, Optional<Comment> parent, String name, String body) {
        return post(at, author, parent, name, body, FLOODS);
    }

    Comment post(Installation at, ReaderId author, Optional<Comment> parent, String name, String body, PageKey key) {
        clock.advance(Duration.ofMinutes(3));
        return at.comments().post(author, new org.parley.comments.NewComment(ARCHIVE, key, parent.map(Comment::id),
                new org.parley.comments.Markdown(body), Optional.of(name), Optional.of("Floods"),
                Optional.of("https://archive.example/floods"), "192.0.2.1"));
    }

    void vote(Installation at, ReaderId voter, Comment comment, int value, String address) {
        clock.advance(Duration.ofSeconds(30));
        at.comments().vote(ARCHIVE, voter, comment.id(), value, address);
    }

    /**
     * The thread as an anonymous reader gets it, without what each copy names its own way (comment and reader ids):
     * every comment's place, status, text, name, badges, times, votes, replies and highlight, and the page.
     */
    static List<Object> asReadersSeeIt(ThreadPage page) {
        List<Object> out = new ArrayList<>();
        out.add(List.<Object>of(page.page().title(), page.page().url(), page.page().open(), page.page().commentCount()));
        page.comments().forEach(node -> out.add(asReadersSeeIt(node)));
        return out;
    }

    static List<Object> asReadersSeeIt(ThreadNode node) {
        Comment c = node.comment();
        return List.<Object>of(c.depth(), c.status(), c.html().html(), c.author().map(a -> List.of(a.name(), a.badges())).orElse(List.of()),
                c.createdAt(), c.editedAt(), c.up(), c.down(), c.replyCount(), c.featured(), c.note(),
                node.replies().stream().map(ImportsContract::asReadersSeeIt).toList());
    }

    ThreadPage publicThread(Installation at, SiteId site) {
        return at.comments().thread(site, FLOODS, Sort.OLDEST, Optional.empty(), 50, Optional.empty());
    }

    byte[] exportOf(Installation at, SiteId site) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        at.imports().export(site, out);
        return out.toByteArray();
    }

    ImportSummary importInto(Installation at, SiteId site, Path file) {
        ImportOutcome outcome = at.imports().run(new ImportRequest(site, ImportFormat.PARLEY, PageKeyRule.ID, false), file, progress::add);
        assertThat(outcome).isInstanceOf(ImportOutcome.Done.class);
        return ((ImportOutcome.Done) outcome).summary();
    }

    Path saved(byte[] export) throws java.io.IOException {
        Path file = dir.resolve("export-" + System.nanoTime() + ".json");
        java.nio.file.Files.write(file, export);
        return file;
    }

    @Test
    void aSiteExportedAndImportedIntoAFreshSiteShowsReadersTheSameThreadAndExportsTheSame() throws Exception {
        Archive archive = archive();
        Installation here = installation(db, Gate.PUBLISH_ALL);

        ImportSummary summary = importInto(here, SITE, saved(archive.export()));

        assertThat(archive.summary()).isEqualTo(new ExportSummary(2, 10, 6, 5, 1, 1, 4));
        assertThat(summary.imported()).containsEntry("published", 7L).containsEntry("pending", 1L)
                .containsEntry("rejected", 1L).containsEntry("deleted", 1L);
        assertThat(asReadersSeeIt(publicThread(here, SITE))).isEqualTo(asReadersSeeIt(publicThread(archive.at(), ARCHIVE)));
        assertThat(comparable(exportOf(here, SITE))).isEqualTo(comparable(archive.export()));
    }

    @Test
    void aSiteImportedIntoAnotherInstallationKeepsItsThreadVotesModerationBlocksBansAndAuditLog() throws Exception {
        Archive archive = archive();
        StoreConfig otherConfig = store(dir.resolve("elsewhere"));
        try (Database other = Database.open(otherConfig)) {
            Installation elsewhere = installation(other, Gate.PUBLISH_ALL);
            elsewhere.sites().save(NewSite.withDefaults(ARCHIVE, "The Archive", List.of("https://archive.example")));

            importInto(elsewhere, ARCHIVE, saved(archive.export()));

            ThreadPage thread = publicThread(elsewhere, ARCHIVE);
            assertThat(asReadersSeeIt(thread)).isEqualTo(asReadersSeeIt(publicThread(archive.at(), ARCHIVE)));
            assertThat(comparable(exportOf(elsewhere, ARCHIVE))).isEqualTo(comparable(archive.export()));
            // Who voted came along: the first comment's voters are readers here, and one withdrawing takes one vote away.
            Comment first = thread.comments().getFirst().comment();
            assertThat(List.of(first.up(), first.down())).containsExactly(2, 1);
            com.fasterxml.jackson.databind.JsonNode copy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exportOf(elsewhere, ARCHIVE));
            ReaderId carolThere = new ReaderId(copy.get("pages").get(0).get("comments").get(0).get("votes").get(1).get("voterId").asText());
            elsewhere.comments().vote(ARCHIVE, carolThere, first.id(), 0, "198.51.100.9");
            assertThat(publicThread(elsewhere, ARCHIVE).comments().getFirst().comment().up()).isEqualTo(1);
            // The banned reader is banned here too; the blocker still does not see the blocked reader.
            ReaderId bobThere = new ReaderId(copy.get("sanctions").get(0).get("readerId").asText());
            assertThatThrownBy(() -> elsewhere.moderation().refuseIfRestricted(ARCHIVE, bobThere))
                    .isInstanceOf(ParleyException.Forbidden.class).hasMessageContaining("Insults again");
            ReaderId annThere = new ReaderId(copy.get("blocks").get(0).get("blockerId").asText());
            assertThat(elsewhere.identity().blocked(annThere)).containsExactly(bobThere);
            // The audit log says what moderators did, by name, and that it came from an import.
            List<AuditEntry> log = elsewhere.moderation().audit(ADMIN, new AuditQuery(List.of(ARCHIVE), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50));
            assertThat(log).extracting(AuditEntry::action).containsExactly("feature", "ban", "feature", "reject");
            assertThat(log).allSatisfy(entry -> {
                assertThat(entry.actorName()).isEqualTo("edna");
                assertThat(entry.actorId()).isEqualTo("imported");
            });
        } finally {
            dropStore(otherConfig);
        }
    }

    @Test
    void importingTheSameExportAgainAddsNothing() throws Exception {
        Archive archive = archive();
        Installation here = installation(db, Gate.PUBLISH_ALL);
        Path file = saved(archive.export());
        importInto(here, SITE, file);
        byte[] once = exportOf(here, SITE);

        ImportSummary again = importInto(here, SITE, file);

        assertThat(again.importedTotal()).isZero();
        assertThat(comparable(exportOf(here, SITE))).isEqualTo(comparable(once));
        assertThat(here.imports().export(SITE, java.io.OutputStream.nullOutputStream()))
                .isEqualTo(new ExportSummary(2, 10, 6, 5, 1, 1, 4));
    }

    @Test
    void aLaterExportWhoseOnlyNewsAreABlockAndABanBringsThemWithoutAnyNewComment() throws Exception {
        Archive archive = archive();
        Installation here = installation(db, Gate.PUBLISH_ALL);
        importInto(here, SITE, saved(archive.export()));
        com.fasterxml.jackson.databind.JsonNode first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(archive.export());
        ReaderId carol = new ReaderId(first.get("pages").get(0).get("comments").get(0).get("votes").get(1).get("voterId").asText());
        ReaderId dan = new ReaderId(first.get("pages").get(0).get("comments").get(0).get("votes").get(2).get("voterId").asText());
        Comment dansComment = everyComment(publicThread(archive.at(), ARCHIVE).comments()).stream()
                .filter(c -> c.author().map(a -> a.id().equals(dan)).orElse(false)).findFirst().orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        archive.at().identity().block(carol, dan, Optional.of("Dan"), ARCHIVE, new org.parley.identity.Voice(null, null, false));
        archive.at().moderation().act(ADMIN, new ModeratorAction.Ban(dansComment.id(), "Enough."));

        ImportSummary later = importInto(here, SITE, saved(exportOf(archive.at(), ARCHIVE)));

        assertThat(later.importedTotal()).isZero();
        com.fasterxml.jackson.databind.JsonNode copy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exportOf(here, SITE));
        assertThat(copy.get("blocks")).hasSize(2);
        assertThat(copy.get("sanctions")).hasSize(2);
        assertThat(here.imports().export(SITE, java.io.OutputStream.nullOutputStream()))
                .isEqualTo(new ExportSummary(2, 10, 6, 5, 2, 2, 5));
    }

    @Test
    void theExportHoldsNoEmailAddressTokenSessionOrLogin() throws Exception {
        Archive archive = archive();

        String text = new String(archive.export(), java.nio.charset.StandardCharsets.UTF_8);

        for (String secret : archive.secrets().split("\n")) {
            assertThat(text).doesNotContain(secret);
        }
        assertThat(text).doesNotContain("@example.org", "sso", "password", "token");
        com.fasterxml.jackson.databind.JsonNode rob = java.util.stream.StreamSupport.stream(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(archive.export()).get("readers").spliterator(), false)
                .filter(r -> r.get("kind").asText().equals("account")).findFirst().orElseThrow();
        assertThat(rob.get("name").asText()).isEqualTo("Rob Reader");
        assertThat(java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(rob.fieldNames(), 0), false)
                .toList()).containsExactly("id", "kind", "name", "createdAt");
    }

    @Test
    void aVersionOneExportStillImports() {
        ImportSummary summary = imported(export("parley-v1.json"), PageKeyRule.ID);

        assertThat(summary.imported()).containsEntry("published", 2L).containsEntry("rejected", 1L);
        ThreadNode top = thread("2024/03/budget").comments().getFirst();
        assertThat(top.comment().up()).isEqualTo(3);
        assertThat(top.replies().getFirst().comment().author().orElseThrow().name()).contains("Bea");
        assertThat(imported(export("parley-v1.json"), PageKeyRule.ID).importedTotal()).isZero();
    }

    @Test
    void aVersionTwoExportWithABadVoteOrSanctionIsRefusedNamingTheLineAndNothingIsWritten() throws Exception {
        String comment = "{\"id\": \"c_01hq0000000000001\", \"authorId\": \"g_01hq00000000000aa\", \"authorName\": \"Abe\","
                + " \"status\": \"published\", \"html\": \"<p>Hi</p>\", \"createdAt\": \"2024-03-01T10:00:00Z\",\n \"votes\": [";
        String page = "{\"format\": \"parley-export\", \"version\": 2, \"pages\": [{\"key\": \"k\", \"createdAt\": \"2024-03-01T09:00:00Z\","
                + " \"comments\": [" + comment;
        Path badVote = dir.resolve("bad-vote.json");
        java.nio.file.Files.writeString(badVote, page + "{\"voterId\": \"g_01hq00000000000bb\", \"value\": 2, \"votedAt\": \"2024-03-01T11:00:00Z\"}]}]}]}");
        Path badSanction = dir.resolve("bad-sanction.json");
        java.nio.file.Files.writeString(badSanction, page + "]}]}],\n\"sanctions\": [{\"id\": \"s1\", \"readerId\": \"g_01hq00000000000aa\","
                + " \"kind\": \"jail\", \"message\": \"x\", \"startsAt\": \"2024-03-01T12:00:00Z\"}]}");
        Path notAReader = dir.resolve("not-a-reader.json");
        java.nio.file.Files.writeString(notAReader, page + "]}]}],\n\"blocks\": [{\"blockerId\": \"bob@example.org\","
                + " \"blockedId\": \"g_01hq00000000000aa\", \"createdAt\": \"2024-03-01T12:00:00Z\"}]}");

        assertThat(refusedParley(badVote)).contains("bad-vote.json line 2", "\"value\" is 2", "1 or -1");
        assertThat(refusedParley(badSanction)).contains("bad-sanction.json line 3", "jail", "ban, suspension or warning");
        assertThat(refusedParley(notAReader)).contains("not-a-reader.json line 3", "not a reader id");
        assertThat(storedComments()).isZero();
    }

    String refusedParley(Path file) {
        ImportOutcome outcome = imports.run(new ImportRequest(SITE, ImportFormat.PARLEY, PageKeyRule.ID, false), file, p -> { });
        assertThat(outcome).isInstanceOf(ImportOutcome.Refused.class);
        return ((ImportOutcome.Refused) outcome).reason();
    }
}
