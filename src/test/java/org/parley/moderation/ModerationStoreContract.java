package org.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.comments.Comment;
import org.parley.comments.CommentId;
import org.parley.comments.CommentImage;
import org.parley.comments.CommentStatus;
import org.parley.comments.Markdown;
import org.parley.comments.NewComment;
import org.parley.comments.NewImage;
import org.parley.comments.PageKey;
import org.parley.comments.Reason;
import org.parley.comments.ReviewItem;
import org.parley.comments.SafeHtml;
import org.parley.comments.ReviewQuery;
import org.parley.comments.ReviewQueue;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.media.ImageId;
import org.parley.screening.Screening;
import org.parley.sites.Sites;
import org.parley.testing.TestPictures;
import org.parley.words.WordTerm;
import org.parley.words.Words;

/** Screening as a commenter meets it, and readers' reports, run once per database. */
abstract class ModerationStoreContract extends ModerationWorld {

    /** {@code blocker} blocks {@code blocked} from {@code address}. */
    void block(ReaderId blocker, ReaderId blocked, String address) {
        identity.block(blocker, blocked, Optional.empty(), SITE, identity.voice(blocker, address));
    }

    static List<String> signals(ReviewItem item) {
        return item.reasons().stream().map(Reason::signal).toList();
    }

    @Test
    void anOrdinaryCommentFromANewcomerIsPublishedWithANoteAboutTrust() {
        Comment comment = post(guest(), Optional.empty(), "A measured comment on the report.");
        assertThat(comment.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(queue(ReviewQueue.FLAGGED)).isEmpty();
        ReviewItem item = comments.review(ReviewQuery.ids(List.of(), List.of(comment.id()))).getFirst();
        assertThat(item.reasons()).singleElement().satisfies(r -> assertThat(r.summary()).isEqualTo("First comment on this site."));
    }

    @Test
    void pagesAndSitesCanHoldCommentsForAModerator() {
        moderation.rulesBook().savePage(SITE, PAGE, Optional.of(Premoderation.ALL), "test", clock.instant());
        assertThat(post(guest(), Optional.empty(), "Held on this page").status()).isEqualTo(CommentStatus.PENDING);

        moderation.rulesBook().savePage(SITE, PAGE, Optional.empty(), "test", clock.instant());
        moderation.rulesBook().saveSite(SITE, ModerationRules.defaults().withPremoderation(Premoderation.LINKS), "test", clock.instant());
        assertThat(post(guest(), Optional.empty(), "No links here").status()).isEqualTo(CommentStatus.PUBLISHED);
        Comment linked = post(guest(), Optional.empty(), "See https://example.org/report");
        assertThat(linked.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(signals(queue(ReviewQueue.PENDING).getLast())).contains("links", "premoderation");
    }

    @Test
    void aBannedCommenterIsRefusedWithTheModeratorsMessageAndNothingIsStored() {
        ReaderId troll = guest();
        moderation.sanctions().add(new Sanction("s_1", SITE, Optional.empty(), troll, SanctionKind.BAN, "Repeated personal attacks.",
                clock.instant(), Optional.empty(), "test", Optional.empty()));

        assertThatThrownBy(() -> post(troll, Optional.empty(), "Let me back in"))
                .isInstanceOfSatisfying(ParleyException.Forbidden.class, e -> {
                    assertThat(e.type()).isEqualTo(ModerationProblem.BANNED);
                    assertThat(e.detail()).contains("Repeated personal attacks.");
                });
        assertThat(comments.authorStats(SITE, troll).published()).isZero();
        assertThat(moderation.notices(SITE, troll)).extracting(Sanction::kind).containsExactly(SanctionKind.BAN);
    }

    @Test
    void aSuspensionEndsOnTime() {
        ReaderId hothead = guest();
        moderation.sanctions().add(new Sanction("s_2", SITE, Optional.empty(), hothead, SanctionKind.SUSPENSION, "Cool off for a day.",
                clock.instant(), Optional.of(clock.instant().plus(Duration.ofDays(1))), "test", Optional.empty()));
        assertThatThrownBy(() -> post(hothead, Optional.empty(), "Too soon"))
                .isInstanceOfSatisfying(ParleyException.Forbidden.class, e -> assertThat(e.detail()).contains("Cool off for a day.", "26 November 2026"));
        clock.advance(Duration.ofDays(1));
        assertThat(post(hothead, Optional.empty(), "Back, calmer").status()).isEqualTo(CommentStatus.PUBLISHED);
    }

    @Test
    void tooManyCommentsInAMinuteAreRefusedWithWhenToRetry() {
        ReaderId fast = guest();
        for (int i = 0; i < 5; i++) {
            comments.post(fast, new NewComment(SITE, PAGE, Optional.empty(), new Markdown("Quick " + i), Optional.empty(),
                    Optional.empty(), Optional.empty(), "192.0.2.9"));
        }
        assertThatThrownBy(() -> comments.post(fast, new NewComment(SITE, PAGE, Optional.empty(), new Markdown("One more"),
                Optional.empty(), Optional.empty(), Optional.empty(), "192.0.2.9")))
                .isInstanceOfSatisfying(ParleyException.RateLimited.class, e -> {
                    assertThat(e.type()).isEqualTo(org.parley.screening.ScreeningProblem.TOO_MANY_COMMENTS);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
                });
        clock.advance(Duration.ofMinutes(1));
        assertThat(post(fast, Optional.empty(), "Patient now").status()).isEqualTo(CommentStatus.PUBLISHED);
    }

    @Test
    void aCommenterManyReadersBlockedIsFlaggedWithoutSayingWhoBlocked() {
        ReaderId troll = guest();
        Comment first = post(troll, Optional.empty(), "Provocation");
        for (int i = 0; i < 3; i++) {
            block(guest(), troll, "198.51.100." + i);
        }
        Comment next = post(troll, Optional.empty(), "More provocation");

        ReviewItem flagged = queue(ReviewQueue.FLAGGED).stream().filter(i -> i.id().equals(next.id())).findFirst().orElseThrow();
        Reason blocks = flagged.reasons().stream().filter(r -> r.signal().equals("blocks")).findFirst().orElseThrow();
        assertThat(blocks.summary()).isEqualTo("3 readers blocked this commenter in the last 7 days.");
        assertThat(queue(ReviewQueue.FLAGGED)).extracting(ReviewItem::id).doesNotContain(first.id());
    }

    @Test
    void theSameTextPostedAgainAndAgainSurfacesAsASpamWave() {
        String spam = "Earn four thousand dollars a week from home with one simple trick, details on my profile page";
        Comment one = post(guest(), Optional.empty(), spam, "192.0.2.1");
        Comment two = post(guest(), Optional.empty(), spam.toUpperCase(), "192.0.2.2");
        assertThat(queue(ReviewQueue.FLAGGED)).isEmpty();
        Comment three = post(guest(), Optional.empty(), spam + "!!!", "192.0.2.3");

        ReviewItem wave = queue(ReviewQueue.FLAGGED).getFirst();
        assertThat(wave.id()).isEqualTo(three.id());
        Reason repeat = wave.reasons().stream().filter(r -> r.signal().equals("repeat")).findFirst().orElseThrow();
        assertThat(repeat.summary()).contains("3 times", "3 commenters", one.id().value(), two.id().value());
    }

    @Test
    void aSpamWaveIsRecognisedAcrossARestart() {
        String spam = "Cheap watches shipped overnight to your door, order now through the link in my profile today";
        Comment one = post(guest(), Optional.empty(), spam, "192.0.2.1");
        post(guest(), Optional.empty(), spam, "192.0.2.2");
        // A new process: the recent fingerprints it remembers come from the database.
        comments = comments(Sites.create(db, clock), Moderation.create(db, clock, new org.parley.live.InProcessEventBus(), Sites.create(db, clock), identity,
                Words.create(db), () -> comments, ModerationRules.defaults(), abuse()));

        Comment three = post(guest(), Optional.empty(), spam, "192.0.2.3");

        Reason repeat = comments.review(ReviewQuery.ids(List.of(), List.of(three.id()))).getFirst().reasons().stream()
                .filter(r -> r.signal().equals("repeat")).findFirst().orElseThrow();
        assertThat(repeat.summary()).contains("3 times", one.id().value());
    }

    @Test
    void twoCommentersTradingEverNastierRepliesSurfaceAsOneFlameWar() {
        ReaderId kestrel = guest();
        ReaderId des = guest();
        hostility.put("The paper should not take the observatory's figures at face value.", 0.05);
        hostility.put("Shut up with your propaganda, troll.", 0.7);
        hostility.put("Typical: fake outrage and lies.", 0.6);
        Comment opening = post(kestrel, Optional.empty(), "The paper should not take the observatory's figures at face value.");
        Comment insult = post(des, Optional.of(opening.id()), "Shut up with your propaganda, troll.");
        Comment retort = post(kestrel, Optional.of(insult.id()), "Typical: fake outrage and lies.");

        ReviewItem item = comments.review(ReviewQuery.ids(List.of(), List.of(retort.id()))).getFirst();
        Reason war = item.reasons().stream().filter(r -> r.signal().equals("flame-war")).findFirst().orElseThrow();
        assertThat(war.level()).isEqualTo(Reason.Level.FLAG);
        assertThat(war.summary()).contains("3 messages", "0.05 → 0.70 → 0.60", opening.id().value(), insult.id().value(), retort.id().value());
        assertThat(item.reviewOpen()).isTrue();
    }

    @Test
    void aCalmExchangeIsNotAFlameWar() {
        ReaderId a = guest();
        ReaderId b = guest();
        Comment one = post(a, Optional.empty(), "Good point about the sources.");
        Comment two = post(b, Optional.of(one.id()), "Thanks, I think so too.");
        Comment three = post(a, Optional.of(two.id()), "Let's see what confirms it.");
        assertThat(signals(comments.review(ReviewQuery.ids(List.of(), List.of(three.id()))).getFirst())).doesNotContain("flame-war");
    }

    @Test
    void blocksOfBrandNewReadersOnOneNetworkCountOnceTowardTheBlockSignal() {
        ReaderId troll = guest();
        post(troll, Optional.empty(), "Provocation");
        for (int i = 0; i < 10; i++) {
            block(guest(), troll, "203.0.113.9");
        }
        Comment after = post(troll, Optional.empty(), "More provocation");
        assertThat(signals(comments.review(ReviewQuery.ids(List.of(), List.of(after.id()))).getFirst()))
                .as("ten fresh guests from one network are one reader").doesNotContain("blocks");

        block(guest(), troll, "198.51.100.1");
        block(guest(), troll, "198.51.100.2");
        Comment next = post(troll, Optional.empty(), "Still provoking");
        ReviewItem flagged = comments.review(ReviewQuery.ids(List.of(), List.of(next.id()))).getFirst();
        assertThat(flagged.reasons()).filteredOn(r -> r.signal().equals("blocks")).singleElement()
                .satisfies(r -> assertThat(r.summary()).isEqualTo("3 readers blocked this commenter in the last 7 days."));
    }

    @Test
    void blocksOfBrandNewReadersCountOncePerIpv6HouseholdHoweverManySlashSixtyFoursItHolds() {
        ReaderId troll = guest();
        post(troll, Optional.empty(), "Provocation");
        for (int i = 0; i < 12; i++) {
            block(guest(), troll, "2001:db8:bb:" + Integer.toHexString(0x300 + i) + "::1");
        }
        Comment after = post(troll, Optional.empty(), "More provocation");
        assertThat(signals(comments.review(ReviewQuery.ids(List.of(), List.of(after.id()))).getFirst()))
                .as("twelve /64s of one /56 are one household").doesNotContain("blocks");

        block(guest(), troll, "2001:db8:bb:400::1");
        block(guest(), troll, "2001:db8:bb:500::1");
        Comment next = post(troll, Optional.empty(), "Still provoking");
        assertThat(comments.review(ReviewQuery.ids(List.of(), List.of(next.id()))).getFirst().reasons())
                .filteredOn(r -> r.signal().equals("blocks")).singleElement()
                .satisfies(r -> assertThat(r.summary()).isEqualTo("3 readers blocked this commenter in the last 7 days."));
        for (int i = 6; i < 30; i++) {
            block(guest(), troll, "2001:db8:bb:" + Integer.toHexString(i << 8) + "::1");
        }
        assertThat(identity.blockersSince(troll, SITE, java.time.Instant.EPOCH)).as("one /48 weighs ten households at most")
                .isEqualTo(10);
    }

    @Test
    void brandNewReportersOfOneIpv6DelegationCountTenTimesAtMostAndModeratorsSeeOnePlace() {
        var admin = staffUser("admin", org.parley.staff.Role.ADMIN);
        ReaderId author = guest();
        Comment targeted = post(author, Optional.empty(), "Reported from one customer's /48");
        for (int i = 0; i < 30; i++) {
            moderation.report(SITE, guest(), targeted.id(), ReportReason.SPAM, Optional.empty(),
                    "2001:db8:cc:" + Integer.toHexString(i << 8) + ":" + Integer.toHexString(i + 1) + "::1");
        }
        for (int i = 0; i < 5; i++) {
            moderation.report(SITE, guest(), targeted.id(), ReportReason.SPAM, Optional.empty(), "2001:db8:dd:" + i + "::1");
        }
        CaseFile file = moderation.caseFile(admin, targeted.id());
        assertThat(file.reports()).as("every report is kept").hasSize(35);
        assertThat(file.reporters()).as("thirty /56s of one /48 count ten; five /64s of one /56 count one")
                .isEqualTo(new org.parley.identity.Voices(35, 11, 30));
        assertThat(file.reporters().mostlyOneNetwork()).isTrue();
        assertThat(file.author().reportsAgainst()).isEqualTo(11);
    }

    @Test
    void brandNewReportersOnOneNetworkCountOnceAndModeratorsSeeTheCrowd() {
        var admin = staffUser("admin", org.parley.staff.Role.ADMIN);
        ReaderId author = guest();
        Comment targeted = post(author, Optional.empty(), "Reported by one place");
        Comment disliked = post(author, Optional.empty(), "Reported by many places");
        for (int i = 0; i < 30; i++) {
            ReaderId fresh = guest();
            moderation.report(SITE, fresh, targeted.id(), ReportReason.SPAM, Optional.empty(), "203.0.113.9");
            comments.vote(SITE, fresh, targeted.id(), -1, "203.0.113.9");
        }
        moderation.report(SITE, guest(), targeted.id(), ReportReason.ABUSE, Optional.empty(), "198.51.100.1");
        for (int i = 0; i < 3; i++) {
            moderation.report(SITE, guest(), disliked.id(), ReportReason.ABUSE, Optional.empty(), "198.51.100." + (10 + i));
        }

        QueuePage reported = moderation.queue(admin, QueueKind.REPORTED, Optional.empty(), Optional.empty(), 20);
        assertThat(reported.cases()).extracting(c -> c.item().id()).containsExactly(targeted.id(), disliked.id());
        CaseSummary crowd = reported.cases().getFirst();
        assertThat(crowd.openReports()).isEqualTo(new org.parley.identity.Voices(31, 2, 30));
        assertThat(crowd.openReports().mostlyOneNetwork()).isTrue();
        assertThat(crowd.votes()).isEqualTo(new org.parley.identity.Voices(30, 1, 30));
        assertThat(reported.cases().get(1).openReports()).isEqualTo(new org.parley.identity.Voices(3, 3, 1));
        assertThat(reported.cases().get(1).openReports().mostlyOneNetwork()).isFalse();

        CaseFile file = moderation.caseFile(admin, targeted.id());
        assertThat(file.reports()).as("every report is kept").hasSize(31);
        assertThat(file.reporters()).isEqualTo(crowd.openReports());
        assertThat(file.voters().mostlyOneNetwork()).isTrue();
        assertThat(file.item().down()).isEqualTo(1);
        assertThat(file.author().reportsAgainst()).as("2 on one comment, 3 on the other").isEqualTo(5);
    }

    @Test
    void readersReportACommentOnceAndNotTheirOwn() {
        ReaderId author = guest();
        ReaderId reader = guest();
        Comment comment = post(author, Optional.empty(), "Reported comment");

        Report report = moderation.report(SITE, reader, comment.id(), ReportReason.HATE, Optional.of("  targets a group  "), "192.0.2.9");
        assertThat(report.note()).contains("targets a group");
        assertThatThrownBy(() -> moderation.report(SITE, reader, comment.id(), ReportReason.SPAM, Optional.empty(), "192.0.2.9"))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type()).isEqualTo(ModerationProblem.ALREADY_REPORTED));
        assertThatThrownBy(() -> moderation.report(SITE, author, comment.id(), ReportReason.SPAM, Optional.empty(), "192.0.2.9"))
                .isInstanceOfSatisfying(ParleyException.InvalidInput.class, e -> assertThat(e.type()).isEqualTo(ModerationProblem.INVALID_REPORT));
        assertThatThrownBy(() -> moderation.report(SITE, reader, comment.id(), ReportReason.OTHER, Optional.of("x".repeat(1001)), "192.0.2.9"))
                .isInstanceOf(ParleyException.InvalidInput.class);
    }

    @Test
    void theAuditLogRefusesToBeRewritten() {
        db.write(h -> h.createUpdate("""
                INSERT INTO audit_log (id, at, actor_id, actor_name, site_id, action, target_kind, target_id)
                VALUES ('a_1', 0, 'u_1', 'mod', 'courier', 'reject', 'comment', 'c_1')""").execute());
        assertThatThrownBy(() -> db.write(h -> h.createUpdate("UPDATE audit_log SET action = 'approve'").execute()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.write(h -> h.createUpdate("DELETE FROM audit_log").execute()))
                .hasMessageContaining("append-only");
    }
    org.parley.staff.StaffUser staffUser(String name, org.parley.staff.Role role, String... scopes) {
        var staff = org.parley.staff.Staff.create(db, clock, org.parley.staff.StaffConfig.forPublicUrl("http://localhost"));
        return staff.createUser(new org.parley.staff.NewStaffUser(name, role,
                java.util.Arrays.stream(scopes).map(org.parley.staff.Scope::parse).toList()), "correct horse battery staple");
    }

    @Test
    void aModeratorRejectsAFlaggedCommentWithAReasonAndTheAuditLogSaysWhoWhatWhenWhy() {
        var mod = staffUser("mod", org.parley.staff.Role.MODERATOR, "courier");
        ReaderId author = guest();
        for (int i = 0; i < 3; i++) {
            block(guest(), author, "198.51.100." + i);
        }
        Comment flagged = post(author, Optional.empty(), "Flagged by the blocks");
        moderation.report(SITE, guest(), flagged.id(), ReportReason.ABUSE, Optional.empty(), "192.0.2.9");

        QueuePage queue = moderation.queue(mod, QueueKind.FLAGGED, Optional.empty(), Optional.empty(), 20);
        assertThat(queue.cases()).singleElement().satisfies(c -> assertThat(c.openReports().counted()).isEqualTo(1));
        assertThat(moderation.queue(mod, QueueKind.REPORTED, Optional.empty(), Optional.empty(), 20).cases()).hasSize(1);

        var entries = moderation.act(mod, new ModeratorAction.Reject(List.of(flagged.id()), "Personal attacks break our rules."));

        AuditEntry entry = entries.getFirst();
        assertThat(entry.actorName()).isEqualTo("mod");
        assertThat(entry.action()).isEqualTo("reject");
        assertThat(entry.targetId()).isEqualTo(flagged.id().value());
        assertThat(entry.reason()).contains("Personal attacks break our rules.");
        assertThat(entry.before().orElseThrow()).contains("\"status\":\"published\"");
        assertThat(entry.after().orElseThrow()).contains("\"status\":\"rejected\"");
        assertThat(moderation.audit(mod, AuditQuery.recent(List.of(), 10))).containsExactly(entry);
        assertThat(moderation.queue(mod, QueueKind.REPORTED, Optional.empty(), Optional.empty(), 20).cases()).as("reports resolved").isEmpty();
        assertThat(moderation.queue(mod, QueueKind.REJECTED, Optional.empty(), Optional.empty(), 20).cases()).hasSize(1);
    }

    @Test
    void aBanThatAlsoRejectsTakesDownExactlyThatReadersPublishedCommentsOnTheSiteAndEmptiesTheirCases() {
        var mod = staffUser("chief", org.parley.staff.Role.MODERATOR, "courier");
        ReaderId troll = guest();
        for (int i = 0; i < 3; i++) {
            block(guest(), troll, "198.51.100." + i);
        }
        Comment first = post(troll, Optional.empty(), "First jab");
        Comment second = post(troll, Optional.empty(), "Second jab");
        moderation.report(SITE, guest(), second.id(), ReportReason.ABUSE, Optional.empty(), "192.0.2.9");
        Comment bystanders = post(guest(), Optional.empty(), "A fair point about the river");
        Comment elsewhere = comments.post(troll, new NewComment(OTHER_SITE, PAGE, Optional.empty(), new Markdown("Gazette jab"),
                Optional.of("Name"), Optional.empty(), Optional.empty(), "192.0.2.1"));
        moderation.rulesBook().savePage(SITE, PAGE, Optional.of(Premoderation.ALL), "test", clock.instant());
        Comment held = post(troll, Optional.empty(), "Held jab");
        moderation.rulesBook().savePage(SITE, PAGE, Optional.empty(), "test", clock.instant());
        assertThat(moderation.queue(mod, QueueKind.FLAGGED, Optional.empty(), Optional.empty(), 20).cases()).hasSize(2);

        List<AuditEntry> entries = moderation.act(mod, new ModeratorAction.Ban(first.id(), "Repeated personal attacks.", true));

        assertThat(entries).extracting(AuditEntry::action).containsExactly("ban", "reject", "reject");
        assertThat(entries.subList(1, 3)).extracting(AuditEntry::targetId)
                .containsExactlyInAnyOrder(first.id().value(), second.id().value());
        assertThat(entries.subList(1, 3)).allSatisfy(entry -> {
            assertThat(entry.reason()).contains("Repeated personal attacks.");
            assertThat(entry.after().orElseThrow()).contains("\"status\":\"rejected\"");
        });
        assertThat(statuses(first, second, bystanders, elsewhere, held)).containsExactly(CommentStatus.REJECTED,
                CommentStatus.REJECTED, CommentStatus.PUBLISHED, CommentStatus.PUBLISHED, CommentStatus.PENDING);
        assertThat(moderation.queue(mod, QueueKind.FLAGGED, Optional.empty(), Optional.empty(), 20).cases()).isEmpty();
        assertThat(moderation.queue(mod, QueueKind.REPORTED, Optional.empty(), Optional.empty(), 20).cases()).isEmpty();
        assertThat(moderation.queue(mod, QueueKind.PENDING, Optional.empty(), Optional.empty(), 20).cases())
                .extracting(c -> c.item().id()).containsExactly(held.id());
        assertThat(moderation.audit(mod, AuditQuery.recent(List.of(), 10))).containsExactlyInAnyOrderElementsOf(entries);
    }

    @Test
    void aBanAloneLeavesTheReadersCommentsPublishedButClosesTheCaseItDecided() {
        var mod = staffUser("chief", org.parley.staff.Role.MODERATOR, "courier");
        ReaderId troll = guest();
        for (int i = 0; i < 3; i++) {
            block(guest(), troll, "198.51.100." + i);
        }
        Comment first = post(troll, Optional.empty(), "First jab");
        Comment second = post(troll, Optional.empty(), "Second jab");
        moderation.report(SITE, guest(), first.id(), ReportReason.ABUSE, Optional.empty(), "192.0.2.9");

        List<AuditEntry> entries = moderation.act(mod, new ModeratorAction.Ban(first.id(), "Repeated personal attacks."));

        assertThat(entries).extracting(AuditEntry::action).containsExactly("ban");
        assertThat(statuses(first, second)).containsExactly(CommentStatus.PUBLISHED, CommentStatus.PUBLISHED);
        assertThat(moderation.queue(mod, QueueKind.FLAGGED, Optional.empty(), Optional.empty(), 20).cases())
                .as("the other comment's case is still open").extracting(c -> c.item().id()).containsExactly(second.id());
        assertThat(moderation.queue(mod, QueueKind.REPORTED, Optional.empty(), Optional.empty(), 20).cases()).isEmpty();
        assertThat(moderation.notices(SITE, troll)).extracting(Sanction::kind).containsExactly(SanctionKind.BAN);
    }

    List<CommentStatus> statuses(Comment... shown) {
        List<CommentId> ids = java.util.Arrays.stream(shown).map(Comment::id).toList();
        List<ReviewItem> found = comments.review(ReviewQuery.ids(List.of(), ids));
        return ids.stream().map(id -> found.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow().status()).toList();
    }

    @Test
    void imagesFromANewcomerWaitForAModeratorWhoMayRemoveOneAndKeepTheText() {
        var mod = staffUser("mod", org.parley.staff.Role.MODERATOR, "courier");
        ReaderId newcomer = guest();
        ImageId chart = media.store(TestPictures.png(120, 80, 1)).id();
        ImageId photo = media.store(TestPictures.png(120, 80, 2)).id();
        Comment held = comments.post(newcomer, new NewComment(SITE, PAGE, Optional.empty(), new Markdown("My first, with pictures"),
                Optional.of("New"), Optional.empty(), Optional.empty(), "192.0.2.1",
                List.of(new NewImage(chart, "A chart"), new NewImage(photo, "A photo"))));
        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        ReviewItem item = queue(ReviewQueue.PENDING).getLast();
        assertThat(signals(item)).contains("images");
        assertThat(item.images()).extracting(CommentImage::alt).containsExactly("A chart", "A photo");

        var entries = moderation.act(mod, new ModeratorAction.RemoveImage(held.id(), photo, "Shows a private address."));
        moderation.act(mod, new ModeratorAction.Approve(List.of(held.id()), Optional.empty()));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("remove-image");
            assertThat(entry.reason()).contains("Shows a private address.");
            assertThat(entry.before().orElseThrow()).contains(chart.value(), photo.value());
            assertThat(entry.after().orElseThrow()).contains(chart.value()).doesNotContain(photo.value());
        });
        assertThat(media.find(photo)).as("no comment shows it any more").isEmpty();
        ReviewItem approved = comments.review(ReviewQuery.ids(List.of(), List.of(held.id()))).getFirst();
        assertThat(approved.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(approved.source().source()).isEqualTo("My first, with pictures");
        assertThat(approved.images()).extracting(CommentImage::id).containsExactly(chart);
        Comment trusted = comments.post(newcomer, new NewComment(SITE, PAGE, Optional.empty(), new Markdown("Another"),
                Optional.of("New"), Optional.empty(), Optional.empty(), "192.0.2.1", List.of(new NewImage(chart, ""))));
        assertThat(trusted.status()).as("one published comment is enough by default").isEqualTo(CommentStatus.PUBLISHED);
    }

    @Test
    void aCaseFileShowsTheConversationTheReportsAndTheAuthorsRecord() {
        var admin = staffUser("admin", org.parley.staff.Role.ADMIN);
        ReaderId author = guest();
        Comment root = post(guest(), Optional.empty(), "Root");
        Comment reply = post(author, Optional.of(root.id()), "Reply under review");
        moderation.report(SITE, guest(), reply.id(), ReportReason.HATE, Optional.of("a slur"), "192.0.2.9");
        block(guest(), author, "198.51.100.1");
        moderation.act(admin, new ModeratorAction.Warn(reply.id(), "Mind the tone."));

        CaseFile file = moderation.caseFile(admin, reply.id());

        assertThat(file.conversation()).extracting(ReviewItem::id).containsExactly(root.id(), reply.id());
        assertThat(file.reports()).singleElement().satisfies(r -> assertThat(r.note()).contains("a slur"));
        assertThat(file.author().comments().published()).isEqualTo(1);
        assertThat(file.author().reportsAgainst()).isEqualTo(1);
        assertThat(file.author().blockedBy()).isEqualTo(1);
        assertThat(file.author().sanctions()).extracting(Sanction::kind).containsExactly(SanctionKind.WARNING);
        assertThat(file.author().history()).extracting(AuditEntry::action).containsExactly("warn");
        assertThat(moderation.notices(SITE, author)).extracting(Sanction::message).containsExactly("Mind the tone.");
    }

    @Test
    void aSuspensionFromTheDashboardStopsTheAuthorForItsDurationAndCanBeLifted() {
        var mod = staffUser("mod", org.parley.staff.Role.MODERATOR, "courier");
        ReaderId author = guest();
        Comment comment = post(author, Optional.empty(), "Over the line");
        var entries = moderation.act(mod, new ModeratorAction.Suspend(comment.id(), Duration.ofDays(1), "One day to cool off."));
        assertThat(entries.getFirst().action()).isEqualTo("suspend");
        assertThatThrownBy(() -> post(author, Optional.empty(), "Still here")).isInstanceOf(ParleyException.Forbidden.class);

        String sanction = moderation.notices(SITE, author).getFirst().id();
        moderation.act(mod, new ModeratorAction.Lift(sanction, "Appeal accepted."));
        assertThat(post(author, Optional.empty(), "Back").status()).isEqualTo(CommentStatus.PUBLISHED);
    }

    @Test
    void moderatorsActOnlyWithinTheirSitesAndSectionsAndABulkActionIsAllOrNothing() {
        comments.upsertPage(SITE, new PageKey("sport/match"), new org.parley.comments.PageMeta(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("sport"), Optional.empty(), Optional.empty(), java.util.Set.of()));
        Comment inSport = comments.post(guest(), new NewComment(SITE, new PageKey("sport/match"), Optional.empty(),
                new Markdown("Sport comment"), Optional.empty(), Optional.empty(), Optional.empty(), "192.0.2.8"));
        Comment elsewhere = post(guest(), Optional.empty(), "News comment");
        var sportMod = staffUser("sportmod", org.parley.staff.Role.MODERATOR, "courier:sport");

        assertThatThrownBy(() -> moderation.act(sportMod, new ModeratorAction.Reject(List.of(inSport.id(), elsewhere.id()), "no")))
                .isInstanceOfSatisfying(ParleyException.Forbidden.class, e -> assertThat(e.type()).isEqualTo(ModerationProblem.OUT_OF_SCOPE));
        assertThat(comments.review(ReviewQuery.ids(List.of(), List.of(inSport.id()))).getFirst().status())
                .as("nothing of the bulk action happened").isEqualTo(CommentStatus.PUBLISHED);
        assertThatThrownBy(() -> moderation.act(sportMod, new ModeratorAction.Ban(inSport.id(), "Gone")))
                .as("a ban covers the whole site").isInstanceOf(ParleyException.Forbidden.class);
        assertThatThrownBy(() -> moderation.caseFile(sportMod, elsewhere.id())).isInstanceOf(ParleyException.Forbidden.class);
        assertThatThrownBy(() -> moderation.saveRules(sportMod, SITE, ModerationRules.defaults(), "")).isInstanceOf(ParleyException.Forbidden.class);

        moderation.act(sportMod, new ModeratorAction.Reject(List.of(inSport.id()), "Off topic for the match report."));
        assertThat(moderation.audit(sportMod, AuditQuery.recent(List.of(), 10))).hasSize(1);
        var otherSiteMod = staffUser("heraldmod", org.parley.staff.Role.MODERATOR, "other");
        assertThat(moderation.audit(otherSiteMod, AuditQuery.recent(List.of(), 10))).isEmpty();
        assertThat(moderation.queue(otherSiteMod, QueueKind.REJECTED, Optional.empty(), Optional.empty(), 10).cases()).isEmpty();
    }

    @Test
    void siteWideModeratorsChangeTheRulesAndTheAuditLogKeepsBeforeAndAfter() {
        var mod = staffUser("mod", org.parley.staff.Role.MODERATOR, "courier");
        moderation.saveRules(mod, SITE, ModerationRules.defaults().withPremoderation(Premoderation.ALL), "Election night");
        assertThat(moderation.rules(mod, SITE).premoderation()).isEqualTo(Premoderation.ALL);
        assertThat(post(guest(), Optional.empty(), "Held tonight").status()).isEqualTo(CommentStatus.PENDING);
        AuditEntry entry = moderation.audit(mod, AuditQuery.recent(List.of(), 1)).getFirst();
        assertThat(entry.action()).isEqualTo("rules");
        assertThat(entry.before().orElseThrow()).contains("\"premoderation\":\"OFF\"");
        assertThat(entry.after().orElseThrow()).contains("\"premoderation\":\"ALL\"");
        assertThat(entry.reason()).contains("Election night");
    }
    @Test
    void aBannedWordRejectsACommentAndASuspectOneFlagsItShowingWhatMatchedWhere() {
        var mod = staffUser("mod", org.parley.staff.Role.MODERATOR, "courier");
        moderation.changeWords(mod, SITE, List.of(WordTerm.banned("bitch"), WordTerm.suspect("troll")), List.of(), "house rules");

        Comment rejected = post(guest(), Optional.empty(), "What a b!tch move.");
        Comment flagged = post(guest(), Optional.empty(), "Typical TROOOLL behaviour.");
        Comment clean = post(guest(), Optional.empty(), "Patrolling the border, they said.");

        assertThat(rejected.status()).isEqualTo(CommentStatus.REJECTED);
        assertThat(rejected.note()).contains(Screening.REJECTED_MESSAGE);
        assertThat(flagged.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(clean.status()).isEqualTo(CommentStatus.PUBLISHED);
        ReviewItem item = queue(ReviewQueue.FLAGGED).getFirst();
        assertThat(item.id()).isEqualTo(flagged.id());
        Reason words = item.reasons().stream().filter(r -> r.signal().equals("words")).findFirst().orElseThrow();
        assertThat(words.summary()).contains("\"troll\"");
        assertThat(words.spans()).singleElement().satisfies(span -> {
            assertThat(span.text()).isEqualTo("TROOOLL");
            assertThat(item.source().source().substring(span.start(), span.end())).isEqualTo("TROOOLL");
        });
        assertThat(moderation.words(mod, SITE)).extracting(WordTerm::text).containsExactly("bitch", "troll");
        assertThat(moderation.audit(mod, AuditQuery.recent(List.of(), 5))).extracting(AuditEntry::action).containsExactly("words");

        moderation.changeWords(mod, SITE, List.of(), List.of("bitch"), "too strict");
        assertThat(post(guest(), Optional.empty(), "What a b!tch move, again.").status()).isEqualTo(CommentStatus.PUBLISHED);
    }
    @Test
    void wordsAreFoundInWhatReadersSeeHoweverMarkupSplitsThemAndInTheCommentersName() {
        moderation.seedWords(SITE, List.of(WordTerm.banned("zorkbad"), WordTerm.suspect("trollface")));
        for (String hidden : List.of("you zork&#98;ad", "you &#x7a;orkbad", "**zork**bad", "zork*bad*", "[zork](http://a.example)bad",
                "zork\ud800bad", "zork&shy;bad")) {
            assertThat(post(guest(), Optional.empty(), hidden).status()).as(hidden).isEqualTo(CommentStatus.REJECTED);
        }
        Comment named = comments.post(guest(), new NewComment(SITE, PAGE, Optional.empty(), new Markdown("A fair point."),
                Optional.of("Trollface"), Optional.empty(), Optional.empty(), "192.0.2.1"));
        assertThat(named.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(queue(ReviewQueue.FLAGGED).getFirst().reasons()).anySatisfy(r ->
                assertThat(r.summary()).contains("\"trollface\" in the commenter's name"));
    }

    /**
     * The abuse model learned English only: on a comment in another language its score is a note, and the
     * site's rule decides (by default the word lists, a suspect term holding the comment for review).
     */
    @Test
    void aCommentNotInEnglishIsJudgedByTheSitesRuleForOtherLanguages() {
        moderation.seedWords(SITE, List.of(WordTerm.suspect("dummkopf")));
        String insult = "Du bist ein Dummkopf, und das weiss hier jeder.";
        String greeting = "Guten Morgen zusammen, ein sehr guter Artikel.";
        String thanks = "Danke fuer den Bericht ueber die Bruecke.";
        String question = "Weiss jemand, wann die Bruecke wieder offen ist?";
        for (String text : List.of(insult, greeting, thanks, question)) {
            otherLanguage.add(text);
            hostility.put(text, 0.97);
        }

        Comment held = post(guest(), Optional.empty(), insult);
        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(queue(ReviewQueue.PENDING).getFirst().reasons()).anySatisfy(r ->
                assertThat(r.summary()).startsWith("Not in English, so held for review: suspect term \"dummkopf\""));
        Comment scoredHigh = post(guest(), Optional.empty(), greeting);
        assertThat(scoredHigh.status()).as("a high score in another language is not acted on").isEqualTo(CommentStatus.PUBLISHED);
        assertThat(queue(ReviewQueue.FLAGGED)).noneSatisfy(item -> assertThat(item.id()).isEqualTo(scoredHigh.id()));

        moderation.rulesBook().saveSite(SITE, ModerationRules.defaults().withOtherLanguages(OtherLanguages.SCORE), "test", clock.instant());
        assertThat(post(guest(), Optional.empty(), thanks).status()).as("the site trusts the score").isEqualTo(CommentStatus.PENDING);

        moderation.rulesBook().saveSite(SITE, ModerationRules.defaults().withOtherLanguages(OtherLanguages.HOLD), "test", clock.instant());
        hostility.put(question, 0.01);
        assertThat(post(guest(), Optional.empty(), question).status()).as("the site holds them all").isEqualTo(CommentStatus.PENDING);
    }

    @Test
    void theAbuseModelJudgesWhatReadersSeeWhenCharacterReferencesHideTheWords() {
        hostility.put("You are an idiot.", 0.95);
        Comment hidden = post(guest(), Optional.empty(), "You are an &#105;diot.");
        assertThat(hidden.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(signals(queue(ReviewQueue.PENDING).getFirst())).contains("abuse");
    }

    @Test
    void aSectionModeratorHoldsOrClosesAPageOfTheirSectionAndNoOther() {
        PageKey match = new PageKey("sport/match");
        comments.upsertPage(SITE, match, new org.parley.comments.PageMeta(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("sport"), Optional.empty(), Optional.empty(), java.util.Set.of()));
        var sportMod = staffUser("sportmod", org.parley.staff.Role.MODERATOR, "courier:sport");

        moderation.changePage(sportMod, SITE, match, Optional.of(Premoderation.ALL), true, "derby day");
        assertThat(comments.post(guest(), new NewComment(SITE, match, Optional.empty(), new Markdown("Held"), Optional.empty(),
                Optional.empty(), Optional.empty(), "192.0.2.7")).status()).isEqualTo(CommentStatus.PENDING);
        moderation.changePage(sportMod, SITE, match, Optional.empty(), false, "match over");
        assertThatThrownBy(() -> comments.post(guest(), new NewComment(SITE, match, Optional.empty(), new Markdown("Late"),
                Optional.empty(), Optional.empty(), Optional.empty(), "192.0.2.7")))
                .isInstanceOfSatisfying(ParleyException.Conflict.class, e -> assertThat(e.type().slug()).isEqualTo("page-closed"));
        assertThat(moderation.audit(sportMod, AuditQuery.recent(List.of(), 5))).extracting(AuditEntry::action).containsExactly("page", "page");
        assertThatThrownBy(() -> moderation.changePage(sportMod, SITE, PAGE, Optional.of(Premoderation.ALL), true, ""))
                .isInstanceOf(ParleyException.Forbidden.class);
    }

    @Test
    void theReportedQueuePagesInReportOrderAndShowsSectionModeratorsOnlyTheirSection() {
        var admin = staffUser("admin", org.parley.staff.Role.ADMIN);
        PageKey match = new PageKey("sport/match");
        comments.upsertPage(SITE, match, new org.parley.comments.PageMeta(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("sport"), Optional.empty(), Optional.empty(), java.util.Set.of()));
        List<CommentId> reported = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Comment comment = post(guest(), Optional.empty(), "News comment " + i);
            moderation.report(SITE, guest(), comment.id(), ReportReason.SPAM, Optional.empty(), "192.0.2.9");
            reported.add(comment.id());
        }
        clock.advance(Duration.ofSeconds(5));
        Comment sport = comments.post(guest(), new NewComment(SITE, match, Optional.empty(), new Markdown("Sport comment"),
                Optional.empty(), Optional.empty(), Optional.empty(), "192.0.2.6"));
        moderation.report(SITE, guest(), sport.id(), ReportReason.OFF_TOPIC, Optional.empty(), "192.0.2.9");
        reported.add(sport.id());

        QueuePage first = moderation.queue(admin, QueueKind.REPORTED, Optional.empty(), Optional.empty(), 2);
        QueuePage second = moderation.queue(admin, QueueKind.REPORTED, Optional.empty(), first.next(), 2);
        assertThat(first.cases()).extracting(c -> c.item().id()).containsExactlyElementsOf(reported.subList(0, 2));
        assertThat(second.cases()).extracting(c -> c.item().id()).containsExactlyElementsOf(reported.subList(2, 4));

        var sportMod = staffUser("sportmod", org.parley.staff.Role.MODERATOR, "courier:sport");
        assertThat(moderation.queue(sportMod, QueueKind.REPORTED, Optional.empty(), Optional.empty(), 1).cases())
                .extracting(c -> c.item().id()).containsExactly(sport.id());
    }

    @Test
    void theAbuseModelFlagsOrHoldsByTheSitesThresholdsAndSaysWhichWordsDroveIt() {
        hostility.put("You utter fool.", 0.6);
        hostility.put("Vile threat.", 0.95);
        Comment flagged = post(guest(), Optional.empty(), "You utter fool.");
        Comment held = post(guest(), Optional.empty(), "Vile threat.");
        assertThat(flagged.status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        Reason abuse = queue(ReviewQueue.FLAGGED).getFirst().reasons().stream().filter(r -> r.signal().equals("abuse")).findFirst().orElseThrow();
        assertThat(abuse.level()).isEqualTo(Reason.Level.FLAG);
        assertThat(abuse.summary()).startsWith(String.format(java.util.Locale.ROOT, "Abuse model: 0.60 (flag at %.2f, hold at %.2f)",
                ModerationRules.defaults().abuseFlag(), ModerationRules.defaults().abuseHold()));
    }

    @Test
    void aScreeningSignalThatFailsHoldsTheCommentNamingTheCheckInsteadOfFailingThePost() {
        String text = "Well\u2026 I\u2026 think\u2026 that is not right.";
        breakdowns.put(text, () -> {
            throw new ArrayIndexOutOfBoundsException("a defect in the model");
        });
        moderation.seedWords(SITE, List.of(WordTerm.suspect("right")));

        Comment held = post(guest(), Optional.empty(), text);

        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        ReviewItem item = queue(ReviewQueue.PENDING).getFirst();
        assertThat(item.id()).isEqualTo(held.id());
        assertThat(item.reasons()).anySatisfy(r -> {
            assertThat(r.signal()).isEqualTo(Screening.FAILED_CHECK);
            assertThat(r.level()).isEqualTo(Reason.Level.HOLD);
            assertThat(r.summary()).contains("abuse check failed").contains("incident i_");
        });
        assertThat(signals(item)).as("the signals that worked still gave their reasons").contains("words", "trust");
    }

    @Test
    void aSignalWhoseDatabaseStatementFailsHasItsWritesUndoneAndTheCommentIsStillStored() {
        String text = "A comment the model cannot score today.";
        breakdowns.put(text, () -> db.read(h -> h.createQuery("SELECT nothing FROM no_such_table").mapTo(String.class).list()));

        Comment held = post(guest(), Optional.empty(), text);

        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(signals(queue(ReviewQueue.PENDING).getFirst())).contains(Screening.FAILED_CHECK);
        assertThat(post(guest(), Optional.empty(), "The next comment is fine.").status()).isEqualTo(CommentStatus.PUBLISHED);
    }

    @Test
    void aWordListIsCompiledOncePerChangeNotOncePerComment() {
        java.util.Random random = new java.util.Random(7);
        List<WordTerm> terms = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            terms.add(WordTerm.banned("zq" + Integer.toString(random.nextInt(Integer.MAX_VALUE), 36)));
        }
        terms.add(WordTerm.suspect("troll"));
        moderation.seedWords(SITE, terms);
        long compiled = words.compilations();

        for (int i = 0; i < 10; i++) {
            assertThat(post(guest(), Optional.empty(), "Comment " + i + " about the troll bridge.").status())
                    .isEqualTo(CommentStatus.PUBLISHED);
        }
        assertThat(words.compilations()).as("compilations for ten comments").isEqualTo(compiled);
        assertThat(queue(ReviewQueue.FLAGGED)).hasSize(10);

        moderation.seedWords(SITE, List.of(WordTerm.banned("bridge")));
        assertThat(post(guest(), Optional.empty(), "Another bridge comment.").status())
                .as("the next comment meets the changed list").isEqualTo(CommentStatus.REJECTED);
        assertThat(post(guest(), Optional.empty(), "And a bridge again.").status()).isEqualTo(CommentStatus.REJECTED);
        assertThat(words.compilations()).isEqualTo(compiled + 1);
    }

    @Test
    void aColdWordListIsCompiledBeforeThePostingTransactionNotWhileItHoldsTheWriter() throws Exception {
        moderation.seedWords(SITE, List.of(WordTerm.banned("bridge")));
        words = Words.create(db); // a restart: nothing compiled yet
        moderation = Moderation.create(db, clock, new org.parley.live.InProcessEventBus(), Sites.create(db, clock), identity, words, () -> comments,
                ModerationRules.defaults(), abuse());
        comments = comments(Sites.create(db, clock), moderation);
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch prepared = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var writer = pool.submit(() -> db.write(h -> {
                writing.countDown();
                try {
                    return prepared.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(writing.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            screening.prepare(SITE, new Markdown("Over the bridge."), new SafeHtml("<p>Over the bridge.</p>"));
            prepared.countDown();
            assertThat(writer.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("prepared while another write was open").isTrue();
        }
        assertThat(words.compilations()).isEqualTo(1);
        assertThat(post(guest(), Optional.empty(), "Over the bridge.").status()).isEqualTo(CommentStatus.REJECTED);
        assertThat(words.compilations()).as("the post found it compiled").isEqualTo(1);
    }

    @Test
    void aWordListChangeThatRollsBackLeavesTheOldListInForce() {
        moderation.seedWords(SITE, List.of(WordTerm.banned("bridge")));
        assertThatThrownBy(() -> db.write(h -> {
            moderation.seedWords(SITE, List.of(WordTerm.banned("troll")));
            assertThat(words.find(SITE, "a troll")).as("inside the change, its own list").hasSize(1);
            throw new IllegalStateException("the change fails after all");
        })).hasMessageContaining("fails after all");

        assertThat(post(guest(), Optional.empty(), "A troll under the road.").status()).isEqualTo(CommentStatus.PUBLISHED);
        assertThat(post(guest(), Optional.empty(), "A bridge too far.").status()).isEqualTo(CommentStatus.REJECTED);
    }

    @Test
    void aTermWithNothingToMatchIsRefusedByNameAndTheListStaysAsItWas() {
        var mod = staffUser("mod", org.parley.staff.Role.MODERATOR, "courier");
        assertThatThrownBy(() -> moderation.changeWords(mod, SITE, List.of(WordTerm.banned("idiot"), WordTerm.banned("?!")),
                List.of(), "symbols"))
                .isInstanceOfSatisfying(ParleyException.InvalidInput.class, e -> {
                    assertThat(e.type().slug()).isEqualTo("invalid-words");
                    assertThat(e.getMessage()).contains("'?!'");
                });
        assertThat(moderation.words(mod, SITE)).isEmpty();
    }

    @Test
    void rulesAreReadOncePerChange() {
        var admin = staffUser("admin", org.parley.staff.Role.ADMIN);
        moderation.saveRules(admin, SITE, ModerationRules.defaults(), "Our own rules");
        post(guest(), Optional.empty(), "Warm the rules.");
        int corrupted = db.write(h -> h.createUpdate("UPDATE moderation_settings SET settings = 'not json'").execute());
        assertThat(corrupted).isEqualTo(1);
        assertThat(post(guest(), Optional.empty(), "Rules come from memory, not from the row.").status())
                .isEqualTo(CommentStatus.PUBLISHED);

        moderation.saveRules(admin, SITE, ModerationRules.defaults().withPremoderation(Premoderation.ALL), "Election night");
        assertThat(post(guest(), Optional.empty(), "Held at once.").status()).isEqualTo(CommentStatus.PENDING);
    }

    @Test
    void aDamagedStoredRuleHoldsEachCommentForAModeratorInsteadOfFailingThePost() {
        var admin = staffUser("admin", org.parley.staff.Role.ADMIN);
        moderation.saveRules(admin, SITE, ModerationRules.defaults(), "Our own rules");
        db.write(h -> h.createUpdate("UPDATE moderation_settings SET settings = 'not json'").execute());
        // After a restart the damaged row is read.
        moderation = Moderation.create(db, clock, new org.parley.live.InProcessEventBus(), Sites.create(db, clock), identity, Words.create(db), () -> comments,
                ModerationRules.defaults(), abuse());
        comments = comments(Sites.create(db, clock), moderation);

        Comment held = post(guest(), Optional.empty(), "Posted on a day the rules cannot be read.");

        assertThat(held.status()).isEqualTo(CommentStatus.PENDING);
        assertThat(queue(ReviewQueue.PENDING).getFirst().reasons()).anySatisfy(r -> {
            assertThat(r.signal()).isEqualTo(Screening.FAILED_CHECK);
            assertThat(r.summary()).contains("moderation rules check failed");
        });
    }

    @Test
    void aSectionModeratorsSuspensionHoldsInTheirSectionOnlyAndTheyCannotLiftASiteWideOne() {
        PageKey match = new PageKey("sport/derby");
        comments.upsertPage(SITE, match, new org.parley.comments.PageMeta(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("sport"), Optional.empty(), Optional.empty(), java.util.Set.of()));
        var sportMod = staffUser("sportmod", org.parley.staff.Role.MODERATOR, "courier:sport");
        var siteMod = staffUser("mod", org.parley.staff.Role.MODERATOR, "courier");
        ReaderId hothead = guest();
        java.util.function.Supplier<Comment> inSport = () -> comments.post(hothead, new NewComment(SITE, match, Optional.empty(),
                new Markdown("The referee again"), Optional.empty(), Optional.empty(), Optional.empty(), "192.0.2.8"));
        Comment first = inSport.get();

        moderation.act(sportMod, new ModeratorAction.Suspend(first.id(), Duration.ofDays(1), "Cool off in sport."));

        assertThatThrownBy(inSport::get).isInstanceOfSatisfying(ParleyException.Forbidden.class, e -> {
            assertThat(e.type().slug()).isEqualTo("suspended");
            assertThat(e.getMessage()).contains("in the 'sport' section", "Cool off in sport.");
        });
        assertThat(post(hothead, Optional.empty(), "On the river report, a fair point.").status())
                .as("the rest of the site is not the sport moderator's to close").isEqualTo(CommentStatus.PUBLISHED);
        moderation.refuseIfRestricted(SITE, hothead); // image uploads: only site-wide sanctions stop them
        assertThat(moderation.notices(SITE, hothead)).singleElement().satisfies(n -> assertThat(n.section()).contains("sport"));
        assertThat(moderation.audit(sportMod, AuditQuery.recent(List.of(), 1)).getFirst().after().orElseThrow())
                .contains("\"section\":\"sport\"");

        Comment elsewhere = post(hothead, Optional.empty(), "And another thought.");
        moderation.act(siteMod, new ModeratorAction.Suspend(elsewhere.id(), Duration.ofDays(2), "Cool off everywhere."));
        String siteWide = moderation.notices(SITE, hothead).stream().filter(n -> n.section().isEmpty()).findFirst().orElseThrow().id();
        assertThatThrownBy(() -> post(hothead, Optional.empty(), "Still here?")).isInstanceOf(ParleyException.Forbidden.class);
        assertThatThrownBy(() -> moderation.act(sportMod, new ModeratorAction.Lift(siteWide, "Appeal")))
                .isInstanceOfSatisfying(ParleyException.Forbidden.class, e -> assertThat(e.type().slug()).isEqualTo("out-of-scope"));
        assertThat(moderation.notices(SITE, hothead)).as("both still in force").hasSize(2);
        String sportOnly = moderation.notices(SITE, hothead).stream().filter(n -> n.section().isPresent()).findFirst().orElseThrow().id();
        moderation.act(sportMod, new ModeratorAction.Lift(sportOnly, "Appeal granted"));
        assertThat(moderation.notices(SITE, hothead)).extracting(Sanction::id).containsExactly(siteWide);
    }
}
