package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.http.ParleyException;
import org.parley.sites.Site;
import org.parley.sites.SiteId;

class CommentRulesTest {

    private final Site site = new Site(new SiteId("s"), "S", Set.of(), Duration.ofMinutes(15), 20,
            org.parley.sites.ImageRules.defaults());

    private static ProblemAssert problem(Runnable call) {
        try {
            call.run();
        } catch (ParleyException e) {
            return new ProblemAssert(e);
        }
        throw new AssertionError("expected a problem");
    }

    private record ProblemAssert(ParleyException e) {
        void is(CommentProblem type) {
            assertThat(e.type()).isEqualTo(type);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n\t", "\u200B\u200B", "\u0000"})
    void emptyOrInvisibleCommentsAreRefused(String body) {
        problem(() -> CommentRules.body(new Markdown(body), site, false)).is(CommentProblem.EMPTY_COMMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800\ud800", "\u3164", "\udb40\udc20", "\u115F\u1160", "\u2800", "\uFE0F", "[](http://a.example)",
        "** **", "&#8203;", "&#x3164;", "- \n- "})
    void commentsThatWouldShowReadersNothingAreRefused(String body) {
        CommentRenderer renderer = new CommentRenderer();
        problem(() -> {
            Markdown cleaned = CommentRules.body(new Markdown(body), site, false);
            CommentRules.requireVisible(renderer.render(cleaned), false);
        }).is(CommentProblem.EMPTY_COMMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ok", "👍", "\u0627", "x\u200Dy", "\uE000"})
    void anythingAReaderCanSeeIsAComment(String body) {
        CommentRules.requireVisible(new CommentRenderer().render(CommentRules.body(new Markdown(body), site, false)), false);
    }

    @Test
    void theLengthLimitCountsCharactersNotBytes() {
        assertThat(CommentRules.body(new Markdown("é".repeat(20)), site, false).source()).hasSize(20);
        assertThat(CommentRules.body(new Markdown("😀".repeat(20)), site, false).source()).isEqualTo("😀".repeat(20));
        assertThatThrownBy(() -> CommentRules.body(new Markdown("a".repeat(21)), site, false))
                .hasMessageContaining("21 characters").hasMessageContaining("up to 20");
    }

    @Test
    void lineEndingsAreNormalizedAndNulBytesRemoved() {
        assertThat(CommentRules.body(new Markdown("a\r\nb\rc\u0000d"), site, false).source()).isEqualTo("a\nb\ncd");
    }

    @Test
    void namesAreTidiedAndAnEmptyNameMeansAGuest() {
        assertThat(CommentRules.name(Optional.of("  Rob   G  "))).contains("Rob G");
        assertThat(CommentRules.name(Optional.of("   "))).isEmpty();
        assertThat(CommentRules.name(Optional.empty())).isEmpty();
        assertThat(CommentRules.name(Optional.of("x".repeat(64)))).isPresent();
    }

    @Test
    void namesThatCouldImpersonateOrOverflowAreRefused() {
        problem(() -> CommentRules.name(Optional.of("x".repeat(65)))).is(CommentProblem.INVALID_NAME);
        problem(() -> CommentRules.name(Optional.of("Admin\u202Enimda"))).is(CommentProblem.INVALID_NAME);
        problem(() -> CommentRules.name(Optional.of("Rob\u0007"))).is(CommentProblem.INVALID_NAME);
        problem(() -> CommentRules.name(Optional.of("\u3164"))).is(CommentProblem.INVALID_NAME);
        problem(() -> CommentRules.name(Optional.of("Rob\udb40\udc20"))).is(CommentProblem.INVALID_NAME);
    }

    @Test
    void pageDetailsMustBeWebUrlsAndShortTexts() {
        problem(() -> CommentRules.hostPageDetails(Optional.empty(), Optional.of("javascript:alert(1)"), Optional.empty(), Optional.empty()))
                .is(CommentProblem.INVALID_PAGE);
        problem(() -> CommentRules.hostPageDetails(Optional.of("t".repeat(301)), Optional.empty(), Optional.empty(), Optional.empty()))
                .is(CommentProblem.INVALID_PAGE);
        CommentRules.hostPageDetails(Optional.of("Title"), Optional.of("https://news.example/a/b?c=d"), Optional.of("By me"), Optional.of("world"));
    }

    @Test
    void widgetPageDetailsAreReportedUnderTheFieldNamesTheWidgetSent() {
        try {
            CommentRules.widgetPageDetails(Optional.of("t".repeat(301)), Optional.of("ftp://x"));
            throw new AssertionError("expected a problem");
        } catch (ParleyException.InvalidInput e) {
            assertThat(e.errors()).extracting(org.parley.http.FieldError::field).containsExactly("pageTitle", "pageUrl");
        }
    }
}
