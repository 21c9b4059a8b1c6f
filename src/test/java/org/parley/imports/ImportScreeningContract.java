package org.parley.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.parley.abuse.Abuse;
import org.parley.comments.CommentStatus;
import org.parley.comments.Comments;
import org.parley.comments.CommentsConfig;
import org.parley.comments.Gate;
import org.parley.comments.Reason;
import org.parley.comments.ReviewItem;
import org.parley.comments.ReviewQuery;
import org.parley.comments.ReviewQueue;
import org.parley.identity.Identity;
import org.parley.live.InProcessEventBus;
import org.parley.live.LiveStreams;
import org.parley.media.Media;
import org.parley.media.MediaConfig;
import org.parley.moderation.ImportedScreening;
import org.parley.moderation.Moderation;
import org.parley.moderation.ModerationRules;
import org.parley.screening.Screening;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.MutableClock;
import org.parley.words.WordTerm;
import org.parley.words.Words;

/**
 * Screening what an import brought in, run once per database with the real abuse model: moderators find the worst of
 * an archive in the flagged queue, with the reasons, and nothing leaves public view unless the site's rule says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportScreeningContract {

    static final SiteId SITE = new SiteId("courier");
    static final String CLEAN = "The council finally voted on the new bridge after a long evening of questions.";
    static final String SUSPECT = "Only a zorkbad would defend the bridge vote.";
    static final String BANNED = "The mayor is a scumbag and so is the council.";
    static final String ABUSIVE = "You are a pathetic worthless idiot and everyone here hates you.";

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    Abuse abuse;
    Comments comments;
    Moderation moderation;
    Screening screening;
    Imports imports;

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeAll
    void loadModel() {
        abuse = Abuse.create();
    }

    @AfterAll
    void closeModel() {
        abuse.close();
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        Sites sites = Sites.create(db, clock);
        sites.save(NewSite.withDefaults(SITE, "The Courier", List.of("https://courier.example")));
        Identity identity = Identity.create(db, clock, sites);
        Words words = Words.create(db);
        AtomicReference<Comments> door = new AtomicReference<>();
        moderation = Moderation.create(db, clock, new InProcessEventBus(), sites, identity, words, door::get,
                ModerationRules.defaults(), abuse::assess);
        screening = Screening.create(db, clock, moderation, words, identity, abuse::assess);
        comments = Comments.create(db, clock, new InProcessEventBus(), LiveStreams.create(Duration.ofSeconds(30), 16), sites,
                identity, Media.create(db, clock, MediaConfig.defaults()), CommentsConfig.defaults(), Gate.PUBLISH_ALL);
        door.set(comments);
        imports = Imports.create(db, clock, sites, identity, comments, moderation);
        moderation.seedWords(SITE, List.of(WordTerm.suspect("zorkbad"), WordTerm.banned("scumbag")));
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    /** A Commento export with one page: the four published texts above, and a pending comment with a banned term. */
    void importArchive() throws IOException {
        String[] texts = {CLEAN, SUSPECT, BANNED, ABUSIVE, "A pending scumbag remark."};
        StringBuilder json = new StringBuilder("{\"version\":1,\"comments\":[");
        for (int i = 0; i < texts.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"commentHex\":\"c").append(i).append("\",\"domain\":\"courier.example\",")
                    .append("\"url\":\"/2021/03/bridge\",\"commenterHex\":\"h").append(i).append("\",\"markdown\":\"")
                    .append(texts[i]).append("\",\"html\":\"<p>").append(texts[i]).append("</p>\",\"parentHex\":\"root\",")
                    .append("\"score\":0,\"state\":\"").append(i == 4 ? "unapproved" : "approved")
                    .append("\",\"creationDate\":\"2021-03-01T1").append(i).append(":00:00Z\",\"direction\":0,\"deleted\":false}");
        }
        json.append("],\"commenters\":[]}");
        Path file = Files.writeString(dir.resolve("commento.json"), json);
        ImportOutcome outcome = imports.run(new ImportRequest(SITE, ImportFormat.COMMENTO, PageKeyRule.PATH, false), file, p -> {
        });
        assertThat(outcome).isInstanceOf(ImportOutcome.Done.class);
    }

    ScreeningRun screen() {
        return imports.screenImported(screening::screenImported, Duration.ofMinutes(5));
    }

    List<ReviewItem> queue(ReviewQueue queue) {
        return comments.review(ReviewQuery.queue(List.of(), queue, Optional.empty(), 100));
    }

    ReviewItem item(ReviewQueue queue, String text) {
        return queue(queue).stream().filter(i -> i.source().source().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no comment '" + text + "' in the " + queue + " queue: " + queue(queue)));
    }

    static Optional<Reason> reason(ReviewItem item, String signal) {
        return item.reasons().stream().filter(r -> r.signal().equals(signal)).findFirst();
    }

    @Test
    void importedPublishedCommentsWaitForScreeningAndPendingOnesDoNot() throws IOException {
        importArchive();

        assertThat(imports.awaitingScreening()).isEqualTo(4);
        assertThat(queue(ReviewQueue.FLAGGED)).isEmpty();
    }

    @Test
    void abusiveImportedCommentsAreFlaggedWithTheirReasonsAndStayPublished() throws IOException {
        importArchive();

        ScreeningRun run = screen();

        assertThat(run.screened()).isEqualTo(4);
        assertThat(run.flagged()).isEqualTo(3);
        assertThat(run.held()).isZero();
        assertThat(run.waiting()).isZero();
        ReviewItem suspect = item(ReviewQueue.FLAGGED, SUSPECT);
        assertThat(suspect.status()).isEqualTo(CommentStatus.PUBLISHED);
        Reason words = reason(suspect, "words").orElseThrow();
        assertThat(words.level()).isEqualTo(Reason.Level.FLAG);
        assertThat(words.spans()).extracting(Reason.Span::text).containsExactly("zorkbad");
        Reason banned = reason(item(ReviewQueue.FLAGGED, BANNED), "words").orElseThrow();
        assertThat(banned.level()).as("a banned term only flags an imported comment").isEqualTo(Reason.Level.FLAG);
        assertThat(banned.summary()).contains("Would reject a new comment; an imported one is only flagged.");
        ReviewItem abusive = item(ReviewQueue.FLAGGED, ABUSIVE);
        assertThat(abusive.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(reason(abusive, "abuse").orElseThrow().level()).isEqualTo(Reason.Level.FLAG);
        assertThat(queue(ReviewQueue.FLAGGED)).extracting(i -> i.source().source()).doesNotContain(CLEAN);
        assertThat(queue(ReviewQueue.PENDING)).extracting(i -> i.source().source()).containsExactly("A pending scumbag remark.");
    }

    @Test
    void aCleanImportedCommentStaysUnflagged() throws IOException {
        importArchive();

        screen();

        String review = db.read(h -> h.createQuery("SELECT review FROM comments WHERE markdown = :text").bind("text", CLEAN)
                .mapTo(String.class).one());
        assertThat(review).isEqualTo("none");
        assertThat(queue(ReviewQueue.FLAGGED)).hasSize(3);
    }

    @Test
    void screeningAgainAddsNothingTwice() throws IOException {
        importArchive();
        screen();
        List<ReviewItem> before = queue(ReviewQueue.FLAGGED);

        // As if a run stopped after keeping its reasons but before taking the batch off the waiting list.
        db.write(h -> h.execute("INSERT INTO import_screening (comment_id, site_id, queued_at)"
                + " SELECT id, 'courier', 0 FROM comments WHERE status = 'published'"));
        ScreeningRun again = screen();
        importArchive();

        assertThat(again.flagged() + again.held()).as("comments screened before are left as they are").isZero();
        assertThat(again.waiting()).isZero();
        assertThat(imports.awaitingScreening()).as("importing the same file again queues nothing").isZero();
        assertThat(queue(ReviewQueue.FLAGGED)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void aCommentThatCannotBeScreenedIsLeftAsItWasAndTheOthersAreScreened() throws IOException {
        importArchive();
        db.write(h -> h.createUpdate("UPDATE comments SET reasons = 'damaged' WHERE markdown = :text").bind("text", SUSPECT).execute());

        ScreeningRun run = screen();

        assertThat(run.flagged()).isEqualTo(2);
        assertThat(run.waiting()).as("a damaged comment does not block the list").isZero();
        assertThat(queue(ReviewQueue.FLAGGED)).extracting(i -> i.source().source()).containsExactlyInAnyOrder(BANNED, ABUSIVE);
    }

    @Test
    void aScreeningCheckThatFailsFlagsTheImportedCommentAndNamesTheIncident() throws IOException {
        importArchive();
        Screening broken = Screening.create(db, clock, moderation, Words.create(db), Identity.create(db, clock, Sites.create(db, clock)),
                text -> {
                    throw new IllegalStateException("the model is broken");
                });

        imports.screenImported(broken::screenImported, Duration.ofMinutes(1));

        ReviewItem clean = item(ReviewQueue.FLAGGED, CLEAN);
        assertThat(clean.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(clean.reasons()).filteredOn(r -> r.signal().equals(Screening.FAILED_CHECK)).extracting(Reason::summary)
                .anySatisfy(summary -> assertThat(summary).contains("abuse check failed", "incident i_"))
                .allSatisfy(summary -> assertThat(summary).doesNotContain("waits for a moderator"));
    }

    @Test
    void withTheSitesRuleSetToHoldWhatWouldHoldANewCommentIsHeld() throws IOException {
        moderation.seedRules(SITE, rules -> rules.withImportedScreening(ImportedScreening.HOLD));
        importArchive();

        ScreeningRun run = screen();

        // The banned term, and the real model's score of the abusive text, which is over the default hold line.
        assertThat(run.held()).isEqualTo(2);
        assertThat(item(ReviewQueue.PENDING, ABUSIVE).status()).isEqualTo(CommentStatus.PENDING);
        ReviewItem banned = item(ReviewQueue.PENDING, BANNED);
        assertThat(banned.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(reason(banned, "words").orElseThrow().level()).as("held, never rejected").isEqualTo(Reason.Level.HOLD);
        assertThat(item(ReviewQueue.FLAGGED, SUSPECT).status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(comments.thread(SITE, new org.parley.comments.PageKey("/2021/03/bridge"), org.parley.comments.Sort.OLDEST,
                Optional.empty(), 50, Optional.empty()).comments()).extracting(n -> n.comment().html().text().strip())
                .doesNotContain(BANNED, ABUSIVE).contains(CLEAN, SUSPECT);
    }
}
