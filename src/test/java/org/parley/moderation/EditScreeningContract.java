package org.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.comments.Comment;
import org.parley.comments.CommentId;
import org.parley.comments.CommentImage;
import org.parley.comments.CommentStatus;
import org.parley.comments.EditOutcome;
import org.parley.comments.Markdown;
import org.parley.comments.ModerationChange;
import org.parley.comments.NewComment;
import org.parley.comments.NewImage;
import org.parley.comments.PageMeta;
import org.parley.comments.Reason;
import org.parley.comments.ReviewItem;
import org.parley.comments.ReviewQuery;
import org.parley.comments.ReviewQueue;
import org.parley.comments.Sort;
import org.parley.comments.ThreadNode;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.media.ImageId;
import org.parley.screening.Screening;
import org.parley.testing.TestPictures;
import org.parley.words.WordTerm;

/**
 * An author's edit meets the same screening as a new comment, run once per database: the word list,
 * the abuse model, link rules, pre-moderation, sanctions, a closed page, repeats, flame wars and rate
 * limits. A refused edit leaves the comment exactly as it was; a held one takes it out of public view;
 * an edit of approved text goes back to a moderator with the approved text kept.
 */
abstract class EditScreeningContract extends ModerationWorld {

    static final String CALM = "The council's figures for the flood defences look low to me.";

    // ---- the word list, the abuse model, links, pre-moderation -----------------------------------------

    @Test
    void anEditThatAddsABannedWordIsRefusedAndTheCommentStaysAsItWas() {
        moderation.seedWords(SITE, List.of(new WordTerm("scumbag", WordTerm.Kind.BANNED)));
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), CALM);

        assertThatThrownBy(() -> edit(author, comment, "The councillor is a scumbag."))
                .isInstanceOfSatisfying(ParleyException.InvalidInput.class, e -> {
                    assertThat(e.type().slug()).isEqualTo("edit-rejected");
                    assertThat(e.detail()).contains("not saved", "stays as it was");
                });
        assertUnchanged(comment, CALM);
    }

    @Test
    void anEditThatAddsASuspectWordIsFlaggedAndOnAPageHoldingFlaggedCommentsItIsHeld() {
        moderation.seedWords(SITE, List.of(new WordTerm("troll", WordTerm.Kind.SUSPECT)));
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), CALM);

        Comment flagged = edited(edit(author, comment, "Only a troll would trust these figures."));
        assertThat(flagged.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(signals(queue(ReviewQueue.FLAGGED))).containsEntry(comment.id(), List.of("words"));

        moderation.rulesBook().savePage(SITE, PAGE, Optional.of(Premoderation.FLAGGED), "test", clock.instant());
        Comment other = post(author, Optional.empty(), CALM + " Again.");
        assertThat(edited(edit(author, other, "Again, a troll wrote these figures.")).status()).isEqualTo(CommentStatus.PENDING);
        assertThat(publicIds()).contains(comment.id()).doesNotContain(other.id());
    }

    @Test
    void anEditTheAbuseModelWouldHoldIsHeldOutOfPublicViewAndItsAuthorStillSeesIt() {
        hostility.put("You are all brainwashed idiots and should be ashamed.", 0.95);
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), CALM);
        assertThat(publicIds()).contains(comment.id());

        Comment held = edited(edit(author, comment, "You are all brainwashed idiots and should be ashamed."));

        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(held.note()).hasValueSatisfying(note -> assertThat(note).contains("edit will appear once a moderator"));
        assertThat(publicIds()).as("held edits leave the public thread").doesNotContain(comment.id());
        assertThat(thread(Optional.of(author)).stream().filter(c -> c.id().equals(comment.id())).findFirst())
                .as("the author still sees it, held").hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CommentStatus.PENDING));
        ReviewItem item = queue(ReviewQueue.PENDING).getFirst();
        assertThat(item.id()).isEqualTo(comment.id());
        assertThat(item.reasons()).extracting(Reason::signal).contains("abuse");
        assertThat(item.revisions()).singleElement().satisfies(r -> {
            assertThat(r.source().source()).isEqualTo(CALM);
            assertThat(r.status()).isEqualTo(CommentStatus.PUBLISHED);
            assertThat(r.approved()).isFalse();
        });
        assertThat(comments.thread(SITE, PAGE, Sort.OLDEST, Optional.empty(), 10, Optional.empty()).page().commentCount())
                .as("the public count drops").isZero();
    }

    @Test
    void aHeldEditOfACommentWithRepliesLeavesAnAwaitingModerationPlaceholderAboveThem() {
        hostility.put("Everyone who replied here is a liar.", 0.95);
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), CALM);
        Comment reply = post(guest(), Optional.of(comment.id()), "I agree, the figures look low.");

        edit(author, comment, "Everyone who replied here is a liar.");

        List<ThreadNode> thread = comments.thread(SITE, PAGE, Sort.OLDEST, Optional.empty(), 10, Optional.empty()).comments();
        assertThat(thread).singleElement().satisfies(node -> {
            assertThat(node.comment().status()).isEqualTo(CommentStatus.PENDING);
            assertThat(node.comment().author()).as("a placeholder names nobody").isEmpty();
            assertThat(node.comment().html().html()).isEmpty();
            assertThat(node.replies()).extracting(r -> r.comment().id()).containsExactly(reply.id());
        });
    }

    @Test
    void anEditThatAddsALinkIsHeldWhereLinksAreAndFlaggedWhenItAddsMany() {
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), CALM);
        Comment linked = edited(edit(author, comment, "See https://example.org/a https://example.org/b https://example.org/c"));
        assertThat(linked.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(signals(queue(ReviewQueue.FLAGGED))).containsEntry(comment.id(), List.of("links"));

        moderation.rulesBook().saveSite(SITE, ModerationRules.defaults().withPremoderation(Premoderation.LINKS), "test", clock.instant());
        Comment other = post(author, Optional.empty(), "No links here.");
        assertThat(edited(edit(author, other, "Now with https://example.org/report")).status()).isEqualTo(CommentStatus.PENDING);
        assertThat(queue(ReviewQueue.PENDING)).singleElement()
                .satisfies(item -> assertThat(item.reasons()).extracting(Reason::signal).contains("links", "premoderation"));
    }

    @Test
    void onAPreModeratedPageAnEditOfAnApprovedCommentIsHeldAgainAndTheModeratorSeesTheApprovedText() {
        moderation.rulesBook().savePage(SITE, PAGE, Optional.of(Premoderation.ALL), "test", clock.instant());
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), CALM);
        assertThat(comment.status()).isEqualTo(CommentStatus.PENDING);
        comments.moderate(comment.id(), new ModerationChange.Approve());
        assertThat(publicIds()).contains(comment.id());

        Comment held = edited(edit(author, comment, "Buy cheap watches at my shop."));

        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(publicIds()).doesNotContain(comment.id());
        ReviewItem item = queue(ReviewQueue.PENDING).getFirst();
        assertThat(item.reasons()).extracting(Reason::signal).contains("premoderation", "edited");
        assertThat(item.editedAfterApproval()).isTrue();
        assertThat(item.revisions()).singleElement().satisfies(r -> {
            assertThat(r.source().source()).isEqualTo(CALM);
            assertThat(r.approved()).isTrue();
        });
    }

    @Test
    void anEditOfApprovedTextGoesBackToTheFlaggedQueueWithTheModeratorTold() {
        hostility.put("Your reporting is sloppy and lazy.", 0.9);
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), "Your reporting is sloppy and lazy.");
        assertThat(comment.status()).isEqualTo(CommentStatus.PENDING);
        comments.moderate(comment.id(), new ModerationChange.Approve());
        assertThat(queue(ReviewQueue.FLAGGED)).isEmpty();

        Comment edited = edited(edit(author, comment, "Your reporting is sloppy, lazy and paid for by the council."));

        assertThat(edited.status()).as("a clean edit stays published").isEqualTo(CommentStatus.PUBLISHED);
        ReviewItem item = queue(ReviewQueue.FLAGGED).getFirst();
        assertThat(item.id()).isEqualTo(comment.id());
        assertThat(item.reasons()).filteredOn(r -> r.signal().equals("edited")).singleElement()
                .satisfies(r -> assertThat(r.summary()).startsWith("Edited after a moderator approved it"));
        assertThat(item.revisions()).extracting(r -> r.source().source()).containsExactly("Your reporting is sloppy and lazy.");

        comments.moderate(comment.id(), new ModerationChange.Approve());
        assertThat(queue(ReviewQueue.FLAGGED)).as("approving the edit closes the case").isEmpty();
    }

    @Test
    void aModeratorsOpenReviewSurvivesAnEditThatCleansTheText() {
        hostility.put("Shut up, you idiot.", 0.6);
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), "Shut up, you idiot.");
        assertThat(queue(ReviewQueue.FLAGGED)).extracting(ReviewItem::id).containsExactly(comment.id());

        edit(author, comment, "I disagree with you.");

        assertThat(queue(ReviewQueue.FLAGGED)).singleElement().satisfies(item -> assertThat(item.revisions())
                .extracting(r -> r.source().source()).containsExactly("Shut up, you idiot."));
    }

    @Test
    void heldImagesStillWaitAfterAnEditButEditingTheTextOfAnApprovedImageCommentDoesNotHoldThemAgain() {
        ReaderId newcomer = guest();
        ImageId chart = media.store(TestPictures.png(120, 80, 1)).id();
        Comment approved = comments.post(newcomer, new NewComment(SITE, PAGE, Optional.empty(), new Markdown("My chart"),
                Optional.of("New"), Optional.empty(), Optional.empty(), "192.0.2.1", List.of(new NewImage(chart, "A chart"))));
        Comment waiting = comments.post(newcomer, new NewComment(SITE, PAGE, Optional.empty(), new Markdown("My second chart"),
                Optional.of("New"), Optional.empty(), Optional.empty(), "192.0.2.1", List.of(new NewImage(chart, "Again"))));
        assertThat(List.of(approved.status(), waiting.status())).containsOnly(CommentStatus.PENDING);
        assertThat(edited(edit(newcomer, waiting, "My second chart, relabelled")).status()).isEqualTo(CommentStatus.PENDING);
        assertThat(signals(queue(ReviewQueue.PENDING))).containsEntry(waiting.id(), List.of("images"));

        comments.moderate(waiting.id(), new ModerationChange.Reject(Optional.of("One chart is enough.")));
        comments.moderate(approved.id(), new ModerationChange.Approve());
        Comment edited = edited(edit(newcomer, approved, "My chart of the river levels"));
        assertThat(edited.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(edited.images()).extracting(CommentImage::id).containsExactly(chart);
        assertThat(signals(queue(ReviewQueue.FLAGGED))).containsEntry(approved.id(), List.of("edited"));
    }

    // ---- who may edit ----------------------------------------------------------------------------------

    @Test
    void bannedAndSuspendedAuthorsCannotEditAndTheirCommentsStayAsTheyWere() {
        ReaderId banned = guest();
        ReaderId suspended = guest();
        Comment bannedComment = post(banned, Optional.empty(), CALM);
        Comment suspendedComment = post(suspended, Optional.empty(), CALM + " Indeed.");
        moderation.sanctions().add(new Sanction("s_1", SITE, Optional.empty(), banned, SanctionKind.BAN, "Repeated personal attacks.",
                clock.instant(), Optional.empty(), "test", Optional.empty()));
        moderation.sanctions().add(new Sanction("s_2", SITE, Optional.empty(), suspended, SanctionKind.SUSPENSION, "Cool off for a day.",
                clock.instant(), Optional.of(clock.instant().plus(Duration.ofDays(1))), "test", Optional.empty()));

        assertThatThrownBy(() -> edit(banned, bannedComment, "Sneaking back in"))
                .isInstanceOfSatisfying(ParleyException.Forbidden.class, e -> {
                    assertThat(e.type()).isEqualTo(ModerationProblem.BANNED);
                    assertThat(e.detail()).contains("Repeated personal attacks.");
                });
        assertThatThrownBy(() -> edit(suspended, suspendedComment, "Not cooling off"))
                .isInstanceOfSatisfying(ParleyException.Forbidden.class, e -> assertThat(e.type()).isEqualTo(ModerationProblem.SUSPENDED));
        assertUnchanged(bannedComment, CALM);
        assertUnchanged(suspendedComment, CALM + " Indeed.");
    }

    @Test
    void aClosedPageRefusesEditsAndItsCommentsStayAsTheyWere() {
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), CALM);
        comments.upsertPage(SITE, PAGE, new PageMeta(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(false), Set.of()));

        assertThatThrownBy(() -> edit(author, comment, "Last word"))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type().slug()).isEqualTo("page-closed"));
        assertUnchanged(comment, CALM);
        assertThat(comments.delete(SITE, author, comment.id())).as("deleting one's own comment still works")
                .isInstanceOf(EditOutcome.Removed.class);
    }

    @Test
    void anAuthorEditsAndDeletesTheirOwnHeldCommentButNotOneModerationRejected() {
        moderation.rulesBook().savePage(SITE, PAGE, Optional.of(Premoderation.ALL), "test", clock.instant());
        ReaderId author = guest();
        Comment held = post(author, Optional.empty(), "First draft, held.");
        Comment other = post(author, Optional.empty(), "Second comment, held.");

        Comment edited = edited(edit(author, held, "Better draft, still held."));
        assertThat(edited.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(edited.html().html()).contains("Better draft");
        assertThat(comments.delete(SITE, author, other.id())).isEqualTo(new EditOutcome.Removed(other.id(), false));
        assertThat(queue(ReviewQueue.PENDING)).extracting(ReviewItem::id).containsExactly(held.id());

        comments.moderate(held.id(), new ModerationChange.Reject(Optional.of("Off topic.")));
        assertThatThrownBy(() -> edit(author, held, "Rephrased"))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type().slug()).isEqualTo("comment-rejected"));
        assertThatThrownBy(() -> comments.delete(SITE, author, held.id()))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type().slug()).isEqualTo("comment-rejected"));
    }

    // ---- repeats, flame wars, rate limits --------------------------------------------------------------

    @Test
    void rewordingOnesOwnCommentIsNoRepeatButEditingItIntoASpamWaveIs() {
        String text = "The river authority said the new embankment would hold a hundred year flood without trouble";
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), text);
        edit(author, comment, text + ", they said.");
        edit(author, comment, text + ", they said again.");
        assertThat(queue(ReviewQueue.FLAGGED)).as("three near-copies of one comment's own text are no spam wave").isEmpty();

        String spam = "Earn four thousand dollars a week from home with one simple trick, details on my profile page";
        post(guest(), Optional.empty(), spam, "192.0.2.2");
        post(guest(), Optional.empty(), spam, "192.0.2.3");
        Comment turned = post(guest(), Optional.empty(), CALM, "192.0.2.4");
        edit(turned.author().orElseThrow().id(), turned, spam);
        assertThat(signals(queue(ReviewQueue.FLAGGED))).containsEntry(turned.id(), List.of("repeat"));
    }

    @Test
    void editingAReplyRescoresItsTurnWithoutLengtheningTheExchange() {
        ReaderId kestrel = guest();
        ReaderId des = guest();
        hostility.put("Shut up with your propaganda, troll.", 0.7);
        hostility.put("Typical: fake outrage and lies.", 0.6);
        Comment opening = post(kestrel, Optional.empty(), "The paper should not take the figures at face value.");
        Comment reply = post(des, Optional.of(opening.id()), "I see it differently.");
        edit(des, reply, "Shut up with your propaganda, troll.");
        assertThat(signals(queue(ReviewQueue.FLAGGED)).get(reply.id())).as("two messages are no flame war, however often one is edited")
                .containsExactly("abuse");

        Comment retort = post(kestrel, Optional.of(reply.id()), "Typical: fake outrage and lies.");
        Reason war = queue(ReviewQueue.FLAGGED).stream().filter(i -> i.id().equals(retort.id())).findFirst().orElseThrow()
                .reasons().stream().filter(r -> r.signal().equals("flame-war")).findFirst().orElseThrow();
        assertThat(war.summary()).contains("3 messages", "0.00 → 0.70 → 0.60");
    }

    @Test
    void editsHaveTheirOwnGenerousAllowanceSoAnAuthorAtTheCommentLimitCanFixATypo() {
        ReaderId author = guest();
        ModerationRules rules = ModerationRules.defaults();
        Comment last = null;
        for (int i = 0; i < rules.commentsPerMinute(); i++) {
            last = comments.post(author, new NewComment(SITE, PAGE, Optional.empty(), new Markdown("Quick " + i), Optional.empty(),
                    Optional.empty(), Optional.empty(), "192.0.2.9"));
        }
        Comment typo = last;
        int edits = rules.commentsPerMinute() * org.parley.screening.Screening.EDITS_PER_COMMENT;
        for (int i = 0; i < edits; i++) {
            assertThat(comments.edit(SITE, author, typo.id(), new Markdown("Quick fix " + i), "192.0.2.9"))
                    .isInstanceOf(EditOutcome.Edited.class);
        }
        assertThatThrownBy(() -> comments.edit(SITE, author, typo.id(), new Markdown("One flip too many"), "192.0.2.9"))
                .isInstanceOfSatisfying(ParleyException.RateLimited.class, e -> {
                    assertThat(e.type()).isEqualTo(org.parley.screening.ScreeningProblem.TOO_MANY_EDITS);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
                });
        assertThat(publicText(typo.id())).as("the last edit allowed stands").hasValue("<p>Quick fix " + (edits - 1) + "</p>");
        clock.advance(Duration.ofMinutes(1));
        assertThat(comments.edit(SITE, author, typo.id(), new Markdown("Patient fix"), "192.0.2.9")).isInstanceOf(EditOutcome.Edited.class);
    }

    @Test
    void twoEditsOfOneCommentAtOnceAreBothKeptOneAfterTheOther() throws Exception {
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), CALM);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<EditOutcome>> edits = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (String text : List.of("First rewording.", "Second rewording.")) {
                edits.add(pool.submit(() -> {
                    start.await();
                    return comments.edit(SITE, author, comment.id(), new Markdown(text), "192.0.2.1");
                }));
            }
            start.countDown();
            for (var edit : edits) {
                assertThat(edit.get(20, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(EditOutcome.Edited.class);
            }
        }
        String now = comments.comment(SITE, comment.id()).source().source();
        List<org.parley.comments.Revision> revisions = comments.review(ReviewQuery.ids(List.of(), List.of(comment.id())))
                .getFirst().revisions();
        assertThat(revisions).extracting(org.parley.comments.Revision::number).containsExactly(1, 2);
        assertThat(revisions.getFirst().source().source()).isEqualTo(CALM);
        assertThat(List.of(revisions.get(1).source().source(), now))
                .as("the second edit replaced what the first wrote").containsExactlyInAnyOrder("First rewording.", "Second rewording.");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    EditOutcome edit(ReaderId author, Comment comment, String body) {
        clock.advance(Duration.ofSeconds(5));
        return comments.edit(SITE, author, comment.id(), new Markdown(body), "192.0.2.1");
    }

    static Comment edited(EditOutcome outcome) {
        assertThat(outcome).isInstanceOf(EditOutcome.Edited.class);
        return ((EditOutcome.Edited) outcome).comment();
    }

    /** Each queued comment's signals at flag level or above. */
    static Map<CommentId, List<String>> signals(List<ReviewItem> items) {
        Map<CommentId, List<String>> found = new java.util.HashMap<>();
        items.forEach(item -> found.put(item.id(), item.reasons().stream()
                .filter(r -> r.level().compareTo(Reason.Level.FLAG) >= 0).map(Reason::signal).toList()));
        return found;
    }

    /** Every comment in the thread as {@code viewer} sees it, replies included. */
    List<Comment> thread(Optional<ReaderId> viewer) {
        List<Comment> all = new java.util.ArrayList<>();
        java.util.function.Consumer<List<ThreadNode>> walk = new java.util.function.Consumer<>() {
            @Override
            public void accept(List<ThreadNode> nodes) {
                nodes.forEach(node -> {
                    all.add(node.comment());
                    accept(node.replies());
                });
            }
        };
        walk.accept(comments.thread(SITE, PAGE, Sort.OLDEST, Optional.empty(), 100, viewer).comments());
        return all;
    }

    List<CommentId> publicIds() {
        return thread(Optional.empty()).stream().filter(c -> c.status() == CommentStatus.PUBLISHED).map(Comment::id).toList();
    }

    Optional<String> publicText(CommentId id) {
        return thread(Optional.empty()).stream().filter(c -> c.id().equals(id)).findFirst().map(c -> c.html().html());
    }

    /** The comment reads to the public exactly as when it was posted, unedited and with no earlier texts. */
    void assertUnchanged(Comment comment, String source) {
        Comment now = thread(Optional.empty()).stream().filter(c -> c.id().equals(comment.id())).findFirst().orElseThrow();
        assertThat(now.html()).isEqualTo(comment.html());
        assertThat(now.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(now.editedAt()).isEmpty();
        assertThat(comments.comment(SITE, comment.id()).source().source()).isEqualTo(source);
        assertThat(comments.review(ReviewQuery.ids(List.of(), List.of(comment.id()))).getFirst().revisions()).isEmpty();
    }
}
