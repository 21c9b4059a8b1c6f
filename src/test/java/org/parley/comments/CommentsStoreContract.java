package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
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
 * What the comments feature promises about stored threads, run once per database. Subclasses only say
 * which database.
 */
abstract class CommentsStoreContract {

    static final SiteId SITE = new SiteId("courier");
    static final PageKey PAGE = new PageKey("2026/11/river-report");

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    InProcessEventBus bus = new InProcessEventBus();
    List<CommentEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    Comments comments;
    Identity identity;
    Media media;
    ReaderId ann;
    ReaderId bob;
    /** What screening decides; tests replace it to hold, reject or refuse comments. */
    Gate screening = Gate.PUBLISH_ALL;

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        Sites sites = Sites.create(db, clock);
        sites.save(NewSite.withDefaults(SITE, "The Courier", List.of("https://courier.example")));
        sites.save(NewSite.withDefaults(new SiteId("other"), "Other", List.of()));
        identity = Identity.create(db, clock, sites);
        bus.subscribe(CommentEvent.class, events::add);
        media = Media.create(db, clock, MediaConfig.defaults());
        comments = Comments.create(db, clock, bus, LiveStreams.create(Duration.ofSeconds(30), 16), sites, identity,
                media, CommentsConfig.defaults(), submission -> screening.screen(submission));
        ann = identity.createGuest().id();
        bob = identity.createGuest().id();
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    Comment post(ReaderId author, Optional<CommentId> parent, String body) {
        return comments.post(author, new NewComment(SITE, PAGE, parent, new Markdown(body), Optional.of("Ann"),
                Optional.of("River report"), Optional.of("https://courier.example/river"), "192.0.2.1"));
    }

    ThreadPage thread() {
        return comments.thread(SITE, PAGE, Sort.OLDEST, Optional.empty(), 50, Optional.empty());
    }

    @Test
    void theFirstCommentCreatesThePageWithTheWidgetsTitle() {
        assertThat(thread().page().commentCount()).isZero();

        Comment first = post(ann, Optional.empty(), "First!");

        Page page = thread().page();
        assertThat(page.title()).contains("River report");
        assertThat(page.url()).contains("https://courier.example/river");
        assertThat(page.commentCount()).isEqualTo(1);
        assertThat(first.html().html()).isEqualTo("<p>First!</p>");
        assertThat(first.author().orElseThrow().name()).contains("Ann");
    }

    @Test
    void repliesAreStoredUnderTheirParentAtTheRightDepth() {
        Comment root = post(ann, Optional.empty(), "Root");
        Comment reply = post(bob, Optional.of(root.id()), "Reply");
        Comment deeper = post(ann, Optional.of(reply.id()), "Deeper");

        ThreadNode top = thread().comments().getFirst();
        assertThat(top.comment().id()).isEqualTo(root.id());
        assertThat(top.replies().getFirst().comment().id()).isEqualTo(reply.id());
        assertThat(top.replies().getFirst().replies().getFirst().comment().depth()).isEqualTo(2);
        assertThat(deeper.parentId()).contains(reply.id());
    }

    @Test
    void aReplyToACommentOnAnotherPageIsRefusedAndNothingIsWritten() {
        Comment elsewhere = comments.post(ann, new NewComment(SITE, new PageKey("elsewhere"), Optional.empty(),
                new Markdown("Elsewhere"), Optional.empty(), Optional.empty(), Optional.empty(), "192.0.2.1"));
        post(ann, Optional.empty(), "Here");
        long version = thread().page().version();

        assertThatThrownBy(() -> post(bob, Optional.of(elsewhere.id()), "Crossing pages"))
                .isInstanceOfSatisfying(ParleyException.InvalidInput.class,
                        e -> assertThat(e.type()).isEqualTo(CommentProblem.PARENT_ON_OTHER_PAGE));
        assertThatThrownBy(() -> post(bob, Optional.of(new CommentId("c_000000000zzzzzzzz")), "To nobody"))
                .isInstanceOfSatisfying(ParleyException.InvalidInput.class,
                        e -> assertThat(e.type()).isEqualTo(CommentProblem.UNKNOWN_PARENT));

        assertThat(thread().page().commentCount()).isEqualTo(1);
        assertThat(thread().page().version()).isEqualTo(version);
    }

    @Test
    void aClosedPageTakesNoNewCommentsButKeepsItsThread() {
        post(ann, Optional.empty(), "Before closing");
        comments.upsertPage(SITE, PAGE, new PageMeta(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(false), Set.of()));

        assertThatThrownBy(() -> post(bob, Optional.empty(), "Too late"))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type()).isEqualTo(CommentProblem.PAGE_CLOSED));
        assertThat(thread().comments()).hasSize(1);
        assertThat(thread().page().open()).isFalse();
    }

    @Test
    void hostSiteMetadataReplacesWhatTheWidgetGuessedAndCanBeCleared() {
        post(ann, Optional.empty(), "Hello");
        Instant published = Instant.parse("2026-11-24T08:00:00Z");
        comments.upsertPage(SITE, PAGE, new PageMeta(Optional.of("Official title"), Optional.empty(), Optional.of("By Reporter"),
                Optional.of("world"), Optional.of(published), Optional.empty(), Set.of()));
        Page page = comments.upsertPage(SITE, PAGE, new PageMeta(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of("section")));

        assertThat(page.title()).contains("Official title");
        assertThat(page.url()).contains("https://courier.example/river");
        assertThat(page.byline()).contains("By Reporter");
        assertThat(page.section()).isEmpty();
        assertThat(page.publishedAt()).contains(published);
        assertThat(page.commentCount()).isEqualTo(1);
    }

    @Test
    void authorsEditTheirOwnCommentsOnlyInsideTheWindow() {
        Comment mine = post(ann, Optional.empty(), "Typo hre");

        assertThat(comments.edit(SITE, bob, mine.id(), new Markdown("Hijack"), "192.0.2.1")).isInstanceOf(EditOutcome.NotYours.class);
        var edited = (EditOutcome.Edited) comments.edit(SITE, ann, mine.id(), new Markdown("Typo *here*"), "192.0.2.1");
        assertThat(edited.comment().html().html()).isEqualTo("<p>Typo <em>here</em></p>");
        assertThat(edited.comment().editedAt()).contains(clock.instant());
        assertThat(comments.comment(SITE, mine.id()).source().source()).isEqualTo("Typo *here*");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        var closed = comments.edit(SITE, ann, mine.id(), new Markdown("Too late"), "192.0.2.1");
        assertThat(closed).isInstanceOfSatisfying(EditOutcome.WindowClosed.class,
                c -> assertThat(c.closedAt()).isEqualTo(mine.createdAt().plus(Duration.ofMinutes(15))));
        assertThat(thread().comments().getFirst().comment().html().html()).isEqualTo("<p>Typo <em>here</em></p>");
    }

    @Test
    void deletingACommentWithRepliesLeavesAPlaceholderAndErasesTheText() {
        Comment root = post(ann, Optional.empty(), "Regrettable");
        Comment reply = post(bob, Optional.of(root.id()), "Answer");
        Comment lonely = post(ann, Optional.empty(), "Also regrettable");

        assertThat(comments.delete(SITE, ann, root.id())).isEqualTo(new EditOutcome.Removed(root.id(), true));
        assertThat(comments.delete(SITE, ann, lonely.id())).isEqualTo(new EditOutcome.Removed(lonely.id(), false));

        ThreadPage page = thread();
        assertThat(page.comments()).hasSize(1);
        ThreadNode placeholder = page.comments().getFirst();
        assertThat(placeholder.comment().status()).isEqualTo(CommentStatus.DELETED);
        assertThat(placeholder.comment().author()).isEmpty();
        assertThat(placeholder.replies().getFirst().comment().id()).isEqualTo(reply.id());
        assertThat(page.page().commentCount()).isEqualTo(1);
        assertThatThrownBy(() -> comments.comment(SITE, root.id())).isInstanceOf(ParleyException.NotFound.class);
        assertThatThrownBy(() -> post(bob, Optional.of(root.id()), "Reply to the void"))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type()).isEqualTo(CommentProblem.PARENT_DELETED));
    }

    @Test
    void oneVotePerReaderThatCanChangeOrBeWithdrawn() {
        Comment comment = post(ann, Optional.empty(), "Vote on me");
        ReaderId carol = identity.createGuest().id();

        assertThat(comments.vote(SITE, bob, comment.id(), 1, "198.51.100.2")).isEqualTo(new VoteTally(comment.id(), 1, 0, 1));
        assertThat(comments.vote(SITE, bob, comment.id(), 1, "198.51.100.2")).isEqualTo(new VoteTally(comment.id(), 1, 0, 1));
        assertThat(comments.vote(SITE, carol, comment.id(), -1, "198.51.100.3")).isEqualTo(new VoteTally(comment.id(), 1, 1, -1));
        assertThat(comments.vote(SITE, bob, comment.id(), -1, "198.51.100.2")).isEqualTo(new VoteTally(comment.id(), 0, 2, -1));
        assertThat(comments.vote(SITE, carol, comment.id(), 0, "198.51.100.3")).isEqualTo(new VoteTally(comment.id(), 0, 1, 0));

        assertThat(comments.myVotes(SITE, bob, PAGE)).isEqualTo(Map.of(comment.id(), -1));
        assertThat(comments.myVotes(SITE, carol, PAGE)).isEmpty();
        Comment shown = thread().comments().getFirst().comment();
        assertThat(shown.up()).isZero();
        assertThat(shown.down()).isEqualTo(1);
    }

    @Test
    void brandNewVotersOnOneNetworkCountOnceWhileDistinctNetworksCountFully() {
        Comment crowdPleaser = post(ann, Optional.empty(), "Liked by one place");
        Comment widelyLiked = post(ann, Optional.empty(), "Liked by many places");
        List<ReaderId> crowd = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ReaderId fresh = identity.createGuest().id();
            crowd.add(fresh);
            assertThat(comments.vote(SITE, fresh, crowdPleaser.id(), 1, "203.0.113.9"))
                    .as("vote %d: the voter's own vote is theirs, the count moves once", i + 1)
                    .isEqualTo(new VoteTally(crowdPleaser.id(), 1, 0, 1));
        }
        for (int i = 0; i < 3; i++) {
            comments.vote(SITE, identity.createGuest().id(), widelyLiked.id(), 1, "198.51.100." + (10 + i));
        }
        assertThat(comments.vote(SITE, identity.createGuest().id(), crowdPleaser.id(), -1, "203.0.113.9"))
                .as("a down vote from that network is its one down vote").isEqualTo(new VoteTally(crowdPleaser.id(), 1, 1, -1));

        ThreadPage best = comments.thread(SITE, PAGE, Sort.BEST, Optional.empty(), 50, Optional.empty());
        assertThat(best.comments()).extracting(node -> node.comment().id()).containsExactly(widelyLiked.id(), crowdPleaser.id());
        assertThat(best.comments().get(1).comment().up()).isEqualTo(1);
        assertThat(comments.myVotes(SITE, crowd.get(7), PAGE)).containsEntry(crowdPleaser.id(), 1);

        assertThat(comments.vote(SITE, crowd.getFirst(), crowdPleaser.id(), 0, "203.0.113.9"))
                .as("one of the crowd withdrawing leaves the others' one vote").isEqualTo(new VoteTally(crowdPleaser.id(), 1, 1, 0));
        assertThat(events).as("only votes that moved the counts make a new page version")
                .filteredOn(e -> e instanceof CommentEvent.CommentVoted voted && voted.commentId().equals(crowdPleaser.id()))
                .hasSize(2);
        assertThat(comments.voteVoices(List.of(crowdPleaser.id(), widelyLiked.id())))
                .containsEntry(crowdPleaser.id(), new org.parley.identity.Voices(20, 2, 20))
                .containsEntry(widelyLiked.id(), new org.parley.identity.Voices(3, 3, 1));
    }

    @Test
    void brandNewVotersCountOncePerIpv6HouseholdAndTenTimesPerDelegationHoweverTheyComeAndGo() {
        Comment comment = post(ann, Optional.empty(), "Liked by one customer's many prefixes");
        for (int i = 0; i < 8; i++) {
            comments.vote(SITE, identity.createGuest().id(), comment.id(), 1, "2001:db8:aa:" + Integer.toHexString(0x100 + i) + "::1");
        }
        assertThat(thread().comments().getFirst().comment().up()).as("eight /64s of one /56").isEqualTo(1);
        List<ReaderId> households = new ArrayList<>();
        for (int i = 2; i <= 14; i++) {
            ReaderId voter = identity.createGuest().id();
            households.add(voter);
            comments.vote(SITE, voter, comment.id(), 1, household(i));
        }
        assertThat(thread().comments().getFirst().comment().up()).as("fourteen /56s of one /48").isEqualTo(10);
        assertThat(comments.vote(SITE, identity.createGuest().id(), comment.id(), -1, household(15)).down())
                .as("down votes are counted apart").isEqualTo(1);

        for (int i = 0; i < 4; i++) {
            comments.vote(SITE, households.get(i), comment.id(), 0, household(i + 2));
        }
        assertThat(thread().comments().getFirst().comment().up()).as("ten households are left").isEqualTo(10);
        comments.vote(SITE, households.get(4), comment.id(), 0, household(6));
        assertThat(thread().comments().getFirst().comment().up()).isEqualTo(9);
        comments.vote(SITE, households.get(0), comment.id(), 1, household(2));
        assertThat(thread().comments().getFirst().comment().up()).as("back to ten").isEqualTo(10);
        assertThat(comments.voteVoices(List.of(comment.id()))).as("the recount agrees, and sees one place")
                .containsEntry(comment.id(), new org.parley.identity.Voices(18, 11, 18));
    }

    /** An address in the {@code n}th /56 of one IPv6 /48. */
    static String household(int n) {
        return "2001:db8:aa:" + Integer.toHexString(n << 8) + "::1";
    }

    @Test
    void freshGuestsOnOneNetworkVotingAtOnceStillCountOnce() throws Exception {
        Comment comment = post(ann, Optional.empty(), "Swarmed");
        List<ReaderId> swarm = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            swarm.add(identity.createGuest().id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<VoteTally>> votes = new ArrayList<>();
            for (ReaderId voter : swarm) {
                votes.add(() -> comments.vote(SITE, voter, comment.id(), 1, "203.0.113.9"));
            }
            for (Future<VoteTally> done : pool.invokeAll(votes)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(thread().comments().getFirst().comment().up()).isEqualTo(1);
        for (ReaderId voter : swarm) {
            comments.vote(SITE, voter, comment.id(), 0, "203.0.113.9");
        }
        assertThat(thread().comments().getFirst().comment().up()).as("all withdrawn").isZero();
    }

    @Test
    void votersTheSiteKnowsCountFullyFromAnyNetwork() {
        Comment comment = post(ann, Optional.empty(), "From the office");
        post(bob, Optional.empty(), "Bob has commented here before");
        List<ReaderId> colleagues = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            colleagues.add(identity.createGuest().id());
        }
        assertThat(comments.vote(SITE, bob, comment.id(), 1, "203.0.113.9").up()).as("bob has a published comment").isEqualTo(1);
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        int up = 0;
        for (ReaderId colleague : colleagues) {
            up = comments.vote(SITE, colleague, comment.id(), 1, "203.0.113.9").up();
        }
        assertThat(up).as("guests older than a day count as themselves, one office or not").isEqualTo(4);
    }

    @Test
    void authorsCannotVoteOnTheirOwnComments() {
        Comment comment = post(ann, Optional.empty(), "Mine");
        assertThatThrownBy(() -> comments.vote(SITE, ann, comment.id(), 1, "198.51.100.1"))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type()).isEqualTo(CommentProblem.OWN_COMMENT_VOTE));
    }

    @Test
    void commentsOfOneSiteCannotBeReachedThroughAnother() {
        Comment comment = post(ann, Optional.empty(), "Courier only");
        SiteId other = new SiteId("other");
        assertThatThrownBy(() -> comments.vote(other, bob, comment.id(), 1, "198.51.100.2")).isInstanceOf(ParleyException.NotFound.class);
        assertThatThrownBy(() -> comments.comment(other, comment.id())).isInstanceOf(ParleyException.NotFound.class);
        assertThatThrownBy(() -> comments.delete(other, ann, comment.id())).isInstanceOf(ParleyException.NotFound.class);
    }

    @Test
    void countsForManyPagesInOneCall() {
        post(ann, Optional.empty(), "One");
        post(bob, Optional.empty(), "Two");
        var counts = comments.counts(SITE, List.of(PAGE, new PageKey("never-commented")), Optional.empty());
        assertThat(counts).containsExactly(Map.entry(PAGE, 2), Map.entry(new PageKey("never-commented"), 0));

        ReaderId reader = identity.createGuest().id();
        identity.block(reader, bob, Optional.empty(), SITE, identity.voice(reader, "198.51.100.4"));
        assertThat(comments.counts(SITE, List.of(PAGE), Optional.of(reader))).as("less the blocked commenter's").containsExactly(Map.entry(PAGE, 1));
        assertThat(comments.counts(SITE, List.of(PAGE), Optional.of(ann))).as("someone else's blocks change nothing").containsExactly(Map.entry(PAGE, 2));
    }

    @Test
    void everyChangeGetsTheNextPageVersionAndIsLoggedForReplay() {
        Comment c = post(ann, Optional.empty(), "v1");
        comments.vote(SITE, bob, c.id(), 1, "198.51.100.2");
        comments.edit(SITE, ann, c.id(), new Markdown("v2"), "192.0.2.1");
        comments.delete(SITE, ann, c.id());

        assertThat(events).extracting(CommentEvent::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("CommentPosted", "CommentVoted", "CommentEdited", "CommentRemoved");
        PageId page = events.getFirst().pageId();
        var log = db.read(h -> new PageRepository().eventsAfter(h, page, 1, 10));
        assertThat(log).extracting(PageRepository.PageEvent::kind).containsExactly("voted", "edited", "deleted");
    }

    @Test
    void concurrentFirstCommentsOnANewPageAllLandOnOnePage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Comment>> posts = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                posts.add(() -> post(n % 2 == 0 ? ann : bob, Optional.empty(), "Comment " + n));
            }
            for (Future<Comment> done : pool.invokeAll(posts)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        ThreadPage page = comments.thread(SITE, PAGE, Sort.NEWEST, Optional.empty(), 100, Optional.empty());
        assertThat(page.comments()).hasSize(80);
        assertThat(page.page().commentCount()).isEqualTo(80);
        assertThat(page.page().version()).isEqualTo(80);
        assertThat(events).extracting(CommentEvent::version).doesNotHaveDuplicates().hasSize(80);
    }
    ThreadPage threadFor(ReaderId viewer) {
        return comments.thread(SITE, PAGE, Sort.OLDEST, Optional.empty(), 50, Optional.of(viewer));
    }

    static java.util.List<String> texts(ThreadPage page) {
        java.util.List<String> out = new java.util.ArrayList<>();
        collect(page.comments(), out);
        return out;
    }

    private static void collect(java.util.List<ThreadNode> nodes, java.util.List<String> out) {
        for (ThreadNode node : nodes) {
            out.add(node.comment().status().apiName() + ":" + node.comment().html().html());
            collect(node.replies(), out);
        }
    }

    @Test
    void aHeldCommentIsShownOnlyToItsAuthorAndNotCounted() {
        post(bob, Optional.empty(), "Visible");
        screening = submission -> new Verdict(Verdict.Decision.HOLD,
                List.of(new Reason("links", Reason.Level.HOLD, "Comments with links wait for a moderator", List.of())),
                Optional.of("Your comment will appear once a moderator has seen it."));

        Comment held = post(ann, Optional.empty(), "Held back");

        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(held.note()).contains("Your comment will appear once a moderator has seen it.");
        assertThat(texts(thread())).containsExactly("published:<p>Visible</p>");
        assertThat(thread().page().commentCount()).isEqualTo(1);
        assertThat(texts(threadFor(ann))).containsExactly("published:<p>Visible</p>", "pending:<p>Held back</p>");
        assertThat(texts(threadFor(bob))).containsExactly("published:<p>Visible</p>");
        assertThatThrownBy(() -> post(bob, Optional.of(held.id()), "Reply to the unseen"))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type()).isEqualTo(CommentProblem.PARENT_DELETED));
    }

    @Test
    void aRejectedCommentShowsTheModeratorsNoteToItsAuthorOnly() {
        screening = submission -> new Verdict(Verdict.Decision.REJECT,
                List.of(new Reason("words", Reason.Level.REJECT, "Contains a banned word", List.of())),
                Optional.of("This site does not publish that word."));
        Comment rejected = post(ann, Optional.empty(), "Rude");

        assertThat(rejected.status()).isEqualTo(CommentStatus.REJECTED);
        assertThat(threadFor(ann).comments().getFirst().comment().note()).contains("This site does not publish that word.");
        assertThat(thread().comments()).isEmpty();
    }

    @Test
    void screeningThatRefusesTheAuthorWritesNothing() {
        screening = submission -> {
            throw new ParleyException.Forbidden(CommentProblem.NOT_YOUR_COMMENT, "refused for the test");
        };
        assertThatThrownBy(() -> post(ann, Optional.empty(), "Never stored")).hasMessage("refused for the test");
        assertThat(thread().page().version()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void screeningSeesTheReplyItJudgesWithItsContext() {
        Comment root = post(bob, Optional.empty(), "Root [link](https://example.org)");
        List<Submission> seen = new java.util.ArrayList<>();
        screening = submission -> {
            seen.add(submission);
            return Verdict.publish();
        };
        post(ann, Optional.of(root.id()), "Reply");

        Submission reply = seen.getFirst();
        assertThat(reply.parentAuthor()).contains(bob);
        assertThat(reply.author()).isEqualTo(ann);
        assertThat(reply.authorPublished()).isZero();
        assertThat(reply.clientAddress()).isEqualTo("192.0.2.1");
        assertThat(reply.site()).isEqualTo(SITE);
    }

    @Test
    void screeningKnowsHowManyOfTheAuthorsCommentsTheSitePublishesThroughEveryChangeOfStatus() {
        List<Integer> seen = new ArrayList<>();
        Verdict[] verdict = {Verdict.publish()};
        screening = submission -> {
            seen.add(submission.authorPublished());
            return verdict[0];
        };
        Comment first = post(ann, Optional.empty(), "First");
        Comment second = post(ann, Optional.empty(), "Second");
        verdict[0] = HOLD;
        Comment held = post(ann, Optional.empty(), "Held");
        verdict[0] = Verdict.publish();
        Comment fourth = post(ann, Optional.empty(), "Fourth");
        comments.moderate(held.id(), new ModerationChange.Approve());
        comments.moderate(first.id(), new ModerationChange.Reject(Optional.empty()));
        comments.delete(SITE, ann, second.id());
        post(bob, Optional.empty(), "Someone else");
        comments.post(ann, new NewComment(new SiteId("other"), PAGE, Optional.empty(), new Markdown("Elsewhere"),
                Optional.empty(), Optional.empty(), Optional.empty(), "192.0.2.1"));
        verdict[0] = HOLD;
        comments.edit(SITE, ann, fourth.id(), new Markdown("Fourth, edited into the queue"), "192.0.2.1");
        comments.moderate(fourth.id(), new ModerationChange.Approve());
        verdict[0] = Verdict.publish();
        post(ann, Optional.empty(), "Last");

        // 2 published when the edit is judged, the edited comment itself left out as when it was new.
        assertThat(seen).containsExactly(0, 1, 2, 2, 0, 0, 1, 2);
        assertThat(publishedOnSite(db, ann, SITE)).isEqualTo(countPublished(ann, SITE)).isEqualTo(3);
        assertThat(publishedOnSite(db, bob, SITE)).isEqualTo(countPublished(bob, SITE)).isEqualTo(1);
        assertThat(publishedOnSite(db, ann, new SiteId("other"))).isEqualTo(countPublished(ann, new SiteId("other"))).isEqualTo(1);
    }

    @Test
    void anUpgradeCountsThePublishedCommentsAlreadyStored() throws IOException {
        Files.createDirectories(dir.resolve("old"));
        StoreConfig old = store(dir.resolve("old"));
        try {
            // The schema as the release before author_counts left it, with comments in it.
            Flyway.configure().dataSource(old.effectiveUrl(), old.user(), old.password())
                    .locations("classpath:db/migration/" + old.vendor().migrationFolder()).target("81").load().migrate();
            Jdbi.create(old.effectiveUrl(), old.user(), old.password()).useHandle(h -> {
                h.execute("""
                        INSERT INTO sites (id, name, origins, secret_hash, edit_window_seconds, max_comment_length, created_at)
                        VALUES ('courier', 'The Courier', '', 'x', 900, 5000, 0), ('other', 'Other', '', 'x', 900, 5000, 0)""");
                h.execute("""
                        INSERT INTO pages (id, site_id, page_key, created_at)
                        VALUES ('p_00000000000000001', 'courier', 'a', 0), ('p_00000000000000002', 'other', 'b', 0)""");
                h.createUpdate("""
                        INSERT INTO comments (id, page_id, depth, author_id, markdown, html, status, created_at) VALUES
                        ('c_00000000000000001', 'p_00000000000000001', 0, :ann, '', '', 'published', 0),
                        ('c_00000000000000002', 'p_00000000000000001', 0, :ann, '', '', 'published', 0),
                        ('c_00000000000000003', 'p_00000000000000001', 0, :ann, '', '', 'pending', 0),
                        ('c_00000000000000004', 'p_00000000000000002', 0, :ann, '', '', 'published', 0),
                        ('c_00000000000000005', 'p_00000000000000001', 0, :bob, '', '', 'deleted', 0)""")
                        .bind("ann", ann.value()).bind("bob", bob.value()).execute();
            });
            try (Database upgraded = Database.open(old)) {
                assertThat(publishedOnSite(upgraded, ann, SITE)).isEqualTo(2);
                assertThat(publishedOnSite(upgraded, ann, new SiteId("other"))).isEqualTo(1);
                assertThat(publishedOnSite(upgraded, bob, SITE)).isZero();
            }
        } finally {
            dropStore(old);
        }
    }

    static int publishedOnSite(Database in, ReaderId author, SiteId site) {
        return in.read(h -> new CommentRepository().publishedOnSite(h, author.value(), site));
    }

    int countPublished(ReaderId author, SiteId site) {
        return db.read(h -> h.createQuery("""
                        SELECT COUNT(*) FROM comments c JOIN pages p ON p.id = c.page_id
                        WHERE c.author_id = :author AND p.site_id = :site AND c.status = 'published'""")
                .bind("author", author.value()).bind("site", site.value()).mapTo(Integer.class).one());
    }

    @Test
    void aReaderWhoBlockedSomeoneNoLongerSeesTheirCommentsButSeesTheRepliesToThem() {
        Comment blockedRoot = post(bob, Optional.empty(), "Bob speaks");
        post(ann, Optional.of(blockedRoot.id()), "Ann answers Bob");
        post(bob, Optional.empty(), "Bob again, no replies");
        ReaderId carol = identity.createGuest().id();
        identity.block(carol, bob, Optional.of("Bob"), SITE, identity.voice(carol, "198.51.100.3"));

        ThreadPage seen = threadFor(carol);

        assertThat(texts(seen)).containsExactly("blocked:", "published:<p>Ann answers Bob</p>");
        assertThat(seen.comments().getFirst().comment().author()).isEmpty();
        assertThat(seen.page().commentCount()).as("counts do not reveal the blocked comments").isEqualTo(1);
        assertThat(texts(thread())).hasSize(3);
        assertThat(texts(threadFor(bob))).as("the blocked reader is never told").hasSize(3);

        identity.unblock(carol, bob);
        assertThat(texts(threadFor(carol))).hasSize(3);
    }
    static final Verdict HOLD = new Verdict(Verdict.Decision.HOLD,
            List.of(new Reason("test", Reason.Level.HOLD, "held for the test", List.of(new Reason.Span(0, 4, "Held", 1.0)))),
            Optional.of("A moderator will look at it."));

    @Test
    void approvingAHeldCommentPublishesItAndCountsIt() {
        screening = submission -> HOLD;
        Comment held = post(ann, Optional.empty(), "Held until approved");
        screening = Gate.PUBLISH_ALL;
        events.clear();

        Moderated moderated = comments.moderate(held.id(), new ModerationChange.Approve());

        assertThat(moderated.before().status()).isEqualTo(CommentStatus.PENDING);
        assertThat(moderated.after().status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(moderated.site()).isEqualTo(SITE);
        assertThat(texts(thread())).containsExactly("published:<p>Held until approved</p>");
        assertThat(thread().page().commentCount()).isEqualTo(1);
        assertThat(events).singleElement().isInstanceOf(CommentEvent.CommentModerated.class);
        assertThat(comments.review(ReviewQuery.queue(List.of(), ReviewQueue.PENDING, Optional.empty(), 10))).isEmpty();
        assertThat(comments.review(ReviewQuery.queue(List.of(), ReviewQueue.APPROVED, Optional.empty(), 10)))
                .extracting(ReviewItem::id).containsExactly(held.id());
    }

    @Test
    void rejectingAPublishedCommentHidesItAndTellsItsAuthorWhy() {
        Comment comment = post(ann, Optional.empty(), "Crossed a line");
        comments.moderate(comment.id(), new ModerationChange.Reject(Optional.of("Personal attacks are not allowed here.")));

        assertThat(thread().comments()).isEmpty();
        assertThat(thread().page().commentCount()).isZero();
        Comment seenByAuthor = threadFor(ann).comments().getFirst().comment();
        assertThat(seenByAuthor.status()).isEqualTo(CommentStatus.REJECTED);
        assertThat(seenByAuthor.note()).contains("Personal attacks are not allowed here.");
        assertThat(comments.review(ReviewQuery.queue(List.of(), ReviewQueue.REJECTED, Optional.empty(), 10)))
                .singleElement().satisfies(item -> assertThat(item.source().source()).isEqualTo("Crossed a line"));
    }

    @Test
    void queuesHoldTheirCommentsWithReasonsOldestFirstAndPageByCursor() {
        screening = submission -> HOLD;
        List<CommentId> held = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            held.add(post(ann, Optional.empty(), "Held " + i).id());
        }
        List<ReviewItem> first = comments.review(ReviewQuery.queue(List.of(), ReviewQueue.PENDING, Optional.empty(), 3));
        List<ReviewItem> rest = comments.review(ReviewQuery.queue(List.of(), ReviewQueue.PENDING, Optional.of(first.getLast().id()), 3));

        assertThat(first).extracting(ReviewItem::id).containsExactlyElementsOf(held.subList(0, 3));
        assertThat(rest).extracting(ReviewItem::id).containsExactlyElementsOf(held.subList(3, 5));
        ReviewItem item = first.getFirst();
        assertThat(item.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.summary()).isEqualTo("held for the test");
            assertThat(reason.spans()).containsExactly(new Reason.Span(0, 4, "Held", 1.0));
        });
        assertThat(item.reviewOpen()).isTrue();
        assertThat(item.pageTitle()).contains("River report");
    }

    @Test
    void aFlaggedCommentStaysPublishedUntilAModeratorLooks() {
        screening = submission -> new Verdict(Verdict.Decision.PUBLISH,
                List.of(new Reason("abuse", Reason.Level.FLAG, "may be abusive", List.of())), Optional.empty());
        Comment flagged = post(ann, Optional.empty(), "Borderline");

        assertThat(texts(thread())).hasSize(1);
        assertThat(comments.review(ReviewQuery.queue(List.of(), ReviewQueue.FLAGGED, Optional.empty(), 10)))
                .extracting(ReviewItem::id).containsExactly(flagged.id());
        comments.moderate(flagged.id(), new ModerationChange.Approve());
        assertThat(comments.review(ReviewQuery.queue(List.of(), ReviewQueue.FLAGGED, Optional.empty(), 10))).isEmpty();
        assertThat(comments.review(ReviewQuery.queue(List.of(), ReviewQueue.APPROVED, Optional.empty(), 10))).hasSize(1);
    }

    @Test
    void moderatorsOnlySeeTheSitesAndSectionsTheyAreGiven() {
        screening = submission -> HOLD;
        post(ann, Optional.empty(), "On the courier, no section");
        comments.upsertPage(SITE, new PageKey("sport/match"), new PageMeta(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("sport"), Optional.empty(), Optional.empty(), Set.of()));
        comments.post(ann, new NewComment(SITE, new PageKey("sport/match"), Optional.empty(), new Markdown("In sport"),
                Optional.empty(), Optional.empty(), Optional.empty(), "192.0.2.1"));

        var sport = comments.review(ReviewQuery.queue(List.of(new ReviewScope(SITE, Optional.of("sport"))), ReviewQueue.PENDING, Optional.empty(), 10));
        var other = comments.review(ReviewQuery.queue(List.of(new ReviewScope(new SiteId("other"), Optional.empty())), ReviewQueue.PENDING, Optional.empty(), 10));
        var whole = comments.review(ReviewQuery.queue(List.of(new ReviewScope(SITE, Optional.empty())), ReviewQueue.PENDING, Optional.empty(), 10));

        assertThat(sport).extracting(item -> item.source().source()).containsExactly("In sport");
        assertThat(other).isEmpty();
        assertThat(whole).hasSize(2);
    }

    @Test
    void aConversationRunsFromTheTopToTheRepliesAndAnAuthorsRecordCountsEachOutcome() {
        Comment root = post(bob, Optional.empty(), "Root");
        Comment middle = post(ann, Optional.of(root.id()), "Middle");
        Comment reply = post(bob, Optional.of(middle.id()), "Reply");
        comments.moderate(reply.id(), new ModerationChange.Reject(Optional.empty()));
        screening = submission -> HOLD;
        post(bob, Optional.empty(), "Waiting");

        assertThat(comments.conversation(middle.id())).extracting(ReviewItem::id).containsExactly(root.id(), middle.id(), reply.id());
        assertThat(comments.authorStats(SITE, bob)).isEqualTo(new AuthorStats(1, 1, 1, 0));
        assertThat(comments.authorStats(new SiteId("other"), bob)).isEqualTo(new AuthorStats(0, 0, 0, 0));
    }

    @Test
    void aModeratorsChangeJoinsTheCallersTransaction() {
        Comment comment = post(ann, Optional.empty(), "Keep me");
        assertThatThrownBy(() -> db.write(h -> {
            comments.moderate(comment.id(), new ModerationChange.Reject(Optional.empty()));
            throw new IllegalStateException("the audit entry could not be written");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(texts(thread())).containsExactly("published:<p>Keep me</p>");
    }
}
