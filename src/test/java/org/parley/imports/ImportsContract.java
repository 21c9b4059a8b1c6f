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
        imports = Imports.create(db, clock, sites, identity, comments);
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

        assertThat(exported).isEqualTo(new ExportSummary(2, 6));
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

    /** An export with what must differ between two sites taken out: the site, the time, and ids (numbered in order). */
    static com.fasterxml.jackson.databind.JsonNode comparable(byte[] export) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(export);
        tree.remove(List.of("site", "exportedAt"));
        Map<String, String> numbered = new java.util.HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode page : tree.get("pages")) {
            for (com.fasterxml.jackson.databind.JsonNode comment : page.get("comments")) {
                com.fasterxml.jackson.databind.node.ObjectNode c = (com.fasterxml.jackson.databind.node.ObjectNode) comment;
                for (String field : List.of("id", "parentId", "authorId")) {
                    if (c.hasNonNull(field)) {
                        c.put(field, numbered.computeIfAbsent(field.equals("authorId") ? "a" + c.get(field).asText() : c.get(field).asText(),
                                k -> "#" + numbered.size()));
                    }
                }
            }
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
}
