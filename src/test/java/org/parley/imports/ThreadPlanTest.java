package org.parley.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order an exported page's comments are stored in, and whom each replies to; no database. */
class ThreadPlanTest {

    static SourceComment comment(String id, String parent, int minute) {
        return new SourceComment(id, Optional.ofNullable(parent), Optional.of("Ann"), Optional.empty(), Optional.empty(),
                "<p>" + id + "</p>", SourceComment.State.PUBLISHED, Instant.parse("2020-01-01T00:00:00Z").plusSeconds(60L * minute),
                minute + 1);
    }

    static List<String> ids(List<ThreadPlan.Step> steps) {
        return steps.stream().map(step -> step.comment().sourceId()).toList();
    }

    @Test
    void parentsComeBeforeTheirRepliesWhateverOrderTheFileListsThem() {
        List<String> warnings = new ArrayList<>();
        List<ThreadPlan.Step> steps = ThreadPlan.of(List.of(comment("c", "b", 3), comment("b", "a", 2), comment("a", null, 1),
                comment("d", null, 4)), Set.of(), warnings::add);

        assertThat(ids(steps)).containsExactly("a", "b", "c", "d");
        assertThat(steps.get(2).parentRef()).contains("b");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aThreadTenThousandRepliesDeepIsPlannedWithoutRunningOutOfStack() {
        List<SourceComment> chain = new ArrayList<>();
        for (int i = 9_999; i >= 0; i--) {
            chain.add(comment("c" + i, i == 0 ? null : "c" + (i - 1), i));
        }

        List<ThreadPlan.Step> steps = ThreadPlan.of(chain, Set.of(), warning -> { });

        assertThat(steps).hasSize(10_000);
        assertThat(steps.getFirst().comment().sourceId()).isEqualTo("c0");
        assertThat(steps.getLast().parentRef()).contains("c9998");
    }

    @Test
    void aReplyToACommentImportedBeforeKeepsItsParentAndAMissingParentMakesATopLevelComment() {
        List<String> warnings = new ArrayList<>();
        List<ThreadPlan.Step> steps = ThreadPlan.of(List.of(comment("x", "earlier", 1), comment("y", "gone", 2)),
                Set.of("earlier"), warnings::add);

        assertThat(steps.get(0).parentRef()).contains("earlier");
        assertThat(steps.get(1).parentRef()).isEmpty();
        assertThat(warnings).singleElement().asString().contains("y", "gone", "top-level");
    }

    @Test
    void aLoopOfRepliesIsBrokenAtItsEarliestCommentWithAWarning() {
        List<String> warnings = new ArrayList<>();
        List<ThreadPlan.Step> steps = ThreadPlan.of(List.of(comment("a", "b", 1), comment("b", "a", 2), comment("self", "self", 3)),
                Set.of(), warnings::add);

        assertThat(ids(steps)).containsExactly("self", "a", "b");
        assertThat(steps.get(1).parentRef()).isEmpty();
        assertThat(steps.get(2).parentRef()).contains("a");
        assertThat(warnings).singleElement().asString().contains("loop");
    }

    @Test
    void aCommentListedTwiceIsStoredOnce() {
        List<String> warnings = new ArrayList<>();
        List<ThreadPlan.Step> steps = ThreadPlan.of(List.of(comment("a", null, 1), comment("a", null, 2)), Set.of(), warnings::add);

        assertThat(steps).hasSize(1);
        assertThat(warnings).singleElement().asString().contains("twice");
    }

    @Test
    void namesAreCleanedOfInvisibleAndControlCharactersAndKeptShort() {
        assertThat(Authors.clean("  Ann\u202E\u200B  Riverside\u0007 ")).contains("Ann Riverside");
        assertThat(Authors.clean("\u200B \t")).isEmpty();
        assertThat(Authors.clean("x".repeat(100)).orElseThrow()).hasSize(64);
        assertThat(Authors.clean("王伟")).contains("王伟");
    }

    @Test
    void pageKeysFollowTheRule() {
        SourcePage page = new SourcePage("7", Optional.of("river-report"), Optional.of("https://courier.example/2019/05/river?x=1#top"),
                Optional.empty(), Optional.empty(), List.of(), 1);

        assertThat(PageKeyRule.URL.keyOf(page).orElseThrow().value()).isEqualTo("https://courier.example/2019/05/river?x=1#top");
        assertThat(PageKeyRule.PATH.keyOf(page).orElseThrow().value()).isEqualTo("/2019/05/river?x=1");
        assertThat(PageKeyRule.ID.keyOf(page).orElseThrow().value()).isEqualTo("river-report");
        SourcePage bare = new SourcePage("8", Optional.empty(), Optional.of("https://courier.example"), Optional.empty(),
                Optional.empty(), List.of(), 1);
        assertThat(PageKeyRule.PATH.keyOf(bare).orElseThrow().value()).isEqualTo("/");
        assertThat(PageKeyRule.ID.keyOf(bare)).isEmpty();
    }

    @Test
    void wordpressTextBecomesParagraphsUnlessItHasBlocksOfItsOwn() {
        assertThat(WordPressReader.paragraphs("One\nline\n\nTwo")).isEqualTo("<p>One<br>\nline</p>\n<p>Two</p>\n");
        assertThat(WordPressReader.paragraphs("<p>Already</p>")).isEqualTo("<p>Already</p>");
    }
}
