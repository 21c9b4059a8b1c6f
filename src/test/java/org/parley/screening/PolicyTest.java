package org.parley.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.comments.CommentId;
import org.parley.comments.Markdown;
import org.parley.comments.PageKey;
import org.parley.comments.Reason;
import org.parley.comments.SafeHtml;
import org.parley.comments.Submission;
import org.parley.comments.Verdict;
import org.parley.identity.ReaderId;
import org.parley.moderation.ModerationRules;
import org.parley.moderation.Premoderation;
import org.parley.sites.SiteId;

class PolicyTest {

    static Submission submission(int authorPublished) {
        return submission(authorPublished, 0);
    }

    static Submission submission(int authorPublished, int images) {
        return new Submission(new CommentId("c_000000000aaaaaaaa"), new SiteId("s"), new PageKey("p"), Optional.empty(),
                new ReaderId("g_000000000aaaaaaaa"), Optional.of("Ann"), new Markdown("text"), new SafeHtml("<p>text</p>"),
                Optional.empty(), Optional.empty(), "192.0.2.1", Instant.EPOCH, authorPublished, images);
    }

    static Reason reason(String signal, Reason.Level level) {
        return new Reason(signal, level, signal + " says so", List.of());
    }

    static Verdict decide(List<Reason> reasons, Premoderation mode, int authorPublished) {
        return Policy.decide(reasons, ModerationRules.defaults().withPremoderation(mode), submission(authorPublished));
    }

    @Test
    void withNoReasonsAndNoPremoderationACommentIsPublished() {
        assertThat(decide(List.of(), Premoderation.OFF, 0).decision()).isEqualTo(Verdict.Decision.PUBLISH);
    }

    @Test
    void aFlagPublishesButOpensReview() {
        Verdict verdict = decide(List.of(reason("abuse", Reason.Level.FLAG)), Premoderation.OFF, 10);
        assertThat(verdict.decision()).isEqualTo(Verdict.Decision.PUBLISH);
        assertThat(verdict.needsReview()).isTrue();
    }

    @Test
    void aRejectionWinsOverAHoldAndTellsTheAuthorWithoutNamingTheWord() {
        Verdict verdict = decide(List.of(reason("words", Reason.Level.REJECT), reason("x", Reason.Level.HOLD)), Premoderation.ALL, 10);
        assertThat(verdict.decision()).isEqualTo(Verdict.Decision.REJECT);
        assertThat(verdict.authorMessage()).contains(Policy.REJECTED_MESSAGE);
        assertThat(verdict.reasons()).extracting(Reason::signal).contains("words", "x");
    }

    @Test
    void eachPremoderationModeHoldsTheCommentsItNamesAndSaysWhy() {
        assertThat(decide(List.of(), Premoderation.ALL, 100).decision()).isEqualTo(Verdict.Decision.HOLD);
        assertThat(decide(List.of(), Premoderation.NEW_COMMENTERS, 2).decision()).isEqualTo(Verdict.Decision.HOLD);
        assertThat(decide(List.of(), Premoderation.NEW_COMMENTERS, 3).decision()).isEqualTo(Verdict.Decision.PUBLISH);
        assertThat(decide(List.of(reason(LinkSignal.NAME, Reason.Level.INFO)), Premoderation.LINKS, 100).decision())
                .isEqualTo(Verdict.Decision.HOLD);
        assertThat(decide(List.of(), Premoderation.LINKS, 100).decision()).isEqualTo(Verdict.Decision.PUBLISH);
        assertThat(decide(List.of(reason("abuse", Reason.Level.FLAG)), Premoderation.FLAGGED, 100).decision())
                .isEqualTo(Verdict.Decision.HOLD);
        assertThat(decide(List.of(reason("trust", Reason.Level.INFO)), Premoderation.FLAGGED, 100).decision())
                .isEqualTo(Verdict.Decision.PUBLISH);

        Verdict held = decide(List.of(), Premoderation.NEW_COMMENTERS, 1);
        assertThat(held.reasons()).singleElement().satisfies(r -> {
            assertThat(r.signal()).isEqualTo("premoderation");
            assertThat(r.summary()).contains("new", "1 published");
        });
        assertThat(held.authorMessage()).contains(Policy.HELD_MESSAGE);
    }
}
