package org.parley.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.comments.Reason;

/** How the case page cuts a comment's source around the spans its reasons point at. */
class DashboardHighlightTest {

    static Reason reason(String signal, int... bounds) {
        List<Reason.Span> spans = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < bounds.length; i += 2) {
            spans.add(new Reason.Span(bounds[i], bounds[i + 1], "", 1.0));
        }
        return new Reason(signal, Reason.Level.FLAG, signal + " summary", spans);
    }

    static List<String> texts(List<Map.Entry<String, List<Reason>>> pieces) {
        return pieces.stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void textWithoutSpansIsOnePlainPiece() {
        var pieces = DashboardHighlight.segments("Nothing to see", List.of(reason("trust")));

        assertThat(pieces).singleElement().satisfies(piece -> {
            assertThat(piece.getKey()).isEqualTo("Nothing to see");
            assertThat(piece.getValue()).isEmpty();
        });
        assertThat(DashboardHighlight.segments("", List.of(reason("words", 0, 3)))).isEmpty();
    }

    @Test
    void eachSpanIsMarkedWithTheReasonsThatCoverIt() {
        String source = "shut up you brainless troll";
        Reason words = reason("words", 0, 7, 22, 27);
        Reason abuse = reason("abuse", 12, 27);

        var pieces = DashboardHighlight.segments(source, List.of(words, abuse));

        assertThat(texts(pieces)).containsExactly("shut up", " you ", "brainless ", "troll");
        assertThat(String.join("", texts(pieces))).isEqualTo(source);
        assertThat(pieces).extracting(Map.Entry::getValue)
                .containsExactly(List.of(words), List.of(), List.of(abuse), List.of(words, abuse));
    }

    @Test
    void spansOutsideTheSourceAreClampedAndEmptyOnesIgnored() {
        var pieces = DashboardHighlight.segments("short", List.of(reason("late", 3, 99), reason("before", -5, 2), reason("empty", 4, 4),
                reason("backwards", 4, 1)));

        assertThat(texts(pieces)).containsExactly("sh", "o", "rt");
        assertThat(pieces.get(1).getValue()).isEmpty();
        assertThat(pieces.get(2).getValue()).extracting(Reason::signal).containsExactly("late");
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String source = "ok 😡 now";
        int insideEmoji = source.indexOf("😡") + 1;

        var pieces = DashboardHighlight.segments(source, List.of(reason("emoji", insideEmoji, source.length())));

        assertThat(texts(pieces)).containsExactly("ok ", "😡 now");
        assertThat(pieces.get(1).getValue()).extracting(Reason::signal).containsExactly("emoji");
    }
}
