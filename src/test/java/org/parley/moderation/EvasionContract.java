package org.parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.comments.Comment;
import org.parley.comments.Reason;
import org.parley.comments.ReviewItem;
import org.parley.comments.ReviewQueue;
import org.parley.identity.Login;
import org.parley.identity.ReaderId;
import org.parley.identity.SignedIn;

/**
 * Ban evasion, on either database: a reader who appears after a ban and writes from the banned reader's network or
 * browser is flagged with the banned reader named; the banned reader's old neighbours are not, nor anyone once the
 * traces have aged out.
 */
abstract class EvasionContract extends ModerationWorld {

    static final String HOME = "198.51.100.23";
    static final String ELSEWHERE = "203.0.113.80";

    ReaderId banned() {
        ReaderId troll = guest();
        post(troll, Optional.empty(), "First visit from home.", HOME);
        clock.advance(Duration.ofMinutes(1));
        moderation.sanctions().add(new Sanction("s_ban", SITE, Optional.empty(), troll, SanctionKind.BAN, "Repeated personal attacks.",
                clock.instant(), Optional.empty(), "test", Optional.empty()));
        clock.advance(Duration.ofMinutes(1));
        return troll;
    }

    Optional<Reason> evasion(Comment comment) {
        return comments.review(org.parley.comments.ReviewQuery.queue(List.of(), ReviewQueue.FLAGGED, Optional.empty(), 100)).stream()
                .filter(item -> item.id().equals(comment.id()))
                .map(ReviewItem::reasons).flatMap(List::stream)
                .filter(reason -> reason.signal().equals("evasion")).findFirst();
    }

    @Test
    void aNewGuestWritingFromABannedReadersNetworkIsFlaggedWithTheBannedReaderNamed() {
        ReaderId troll = banned();
        Comment back = post(guest(), Optional.empty(), "Just a new reader here.", HOME);
        assertThat(evasion(back)).hasValueSatisfying(reason -> {
            assertThat(reason.level()).isEqualTo(Reason.Level.FLAG);
            assertThat(reason.summary()).contains(troll.value(), "same network");
        });
        assertThat(evasion(post(guest(), Optional.empty(), "Another reader.", ELSEWHERE))).as("another network").isEmpty();
    }

    @Test
    void theBannedReadersNeighboursWhoWereThereBeforeTheBanAreNotFlagged() {
        ReaderId housemate = guest();
        ReaderId troll = banned();
        assertThat(troll).isNotEqualTo(housemate);
        assertThat(evasion(post(housemate, Optional.empty(), "I live here too.", HOME))).isEmpty();
    }

    @Test
    void anAccountSignedInOnTheBannedGuestsBrowserIsFlaggedFromAnyNetwork() {
        ReaderId troll = banned();
        SignedIn fresh = identity.signIn(SITE, new Login("email", "fresh@mail.example", Optional.of("Fresh Start"),
                Optional.of("fresh@mail.example"), true, Set.of(), false));
        identity.signedInFrom(fresh.account().id(), troll);
        Comment back = post(fresh.account().id(), Optional.empty(), "Nothing to see.", ELSEWHERE);
        assertThat(evasion(back)).hasValueSatisfying(reason -> assertThat(reason.summary()).contains(troll.value(), "same browser"));
    }

    @Test
    void aBannedReaderWhoDeletesTheirDataLeavesTheirTracesBehind() {
        ReaderId troll = banned();
        identity.forget(troll, true);
        assertThat(evasion(post(guest(), Optional.empty(), "A fresh start.", HOME))).isPresent();
    }

    @Test
    void tracesOlderThanTheRetentionLinkNoOne() {
        banned();
        clock.advance(Duration.ofDays(31));
        assertThat(identity.forgetOldTraces()).isPositive();
        assertThat(evasion(post(guest(), Optional.empty(), "Much later.", HOME))).isEmpty();
    }
}
