package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.demo.DemoNewsroom;

/** The shipped model, through the door, as moderation will call it. */
class AbuseTest {

    private static Abuse abuse;

    @BeforeAll
    static void loadTheShippedModel() {
        abuse = Abuse.create();
    }

    @Test
    void loadsTheShippedModelInUnderASecond() {
        long started = System.nanoTime();
        Abuse fresh = Abuse.create();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(fresh.assess("hello").probability()).isBetween(0.0, 1.0);
        assertThat(millis).as("start-up load of %s", Abuse.RESOURCE).isLessThan(1000);
    }

    @Test
    void theShippedModelWasTrainedWithTheDefaultThresholds() {
        assertThat(abuse.trainedThresholds())
                .as("retraining moved the thresholds: update AbuseThresholds.DEFAULT_* and docs/MODEL.md")
                .isEqualTo(AbuseThresholds.DEFAULTS);
    }

    @Test
    void onTheDemoThreadTheInsultIsFlaggedAndLegitimateSpeechIsNot() {
        Map<String, AbuseLevel> levels = demoLevels();
        assertThat(levels.get("c4")).as("the insult with a nationality slur").isIn(AbuseLevel.FLAG, AbuseLevel.HOLD);
        assertThat(levels.get("c6")).as("profanity inside an argument").isIn(AbuseLevel.NONE, AbuseLevel.LOW);
        levels.forEach((ref, level) -> {
            if (!List.of("c4", "c5").contains(ref)) {
                assertThat(level).as("demo comment %s is legitimate speech", ref).isIn(AbuseLevel.NONE, AbuseLevel.LOW);
            }
        });
    }

    private static Map<String, AbuseLevel> demoLevels() {
        return DemoNewsroom.load().comments().stream().collect(Collectors.toMap(
                DemoNewsroom.DemoComment::ref, c -> abuse.assess(c.body()).level(AbuseThresholds.DEFAULTS)));
    }

    @Test
    void clearInsultsAreFlagged() {
        for (String insult : List.of("you are a pathetic moron and everyone here knows it",
                "shut up you stupid idiot", "what a disgusting b!tch")) {
            assertThat(abuse.assess(insult).level(AbuseThresholds.DEFAULTS)).as(insult).isIn(AbuseLevel.FLAG, AbuseLevel.HOLD);
        }
    }

    @Test
    void explanationsPointAtTheWordsTheReaderTyped() {
        String text = "Thanks for the update. You are a STUUUPID 1diot, honestly.";
        AbuseAssessment assessment = abuse.assess(text);
        assertThat(assessment.spans()).isNotEmpty().hasSizeLessThanOrEqualTo(AbuseAssessment.MAX_SPANS);
        for (Span span : assessment.spans()) {
            assertThat(text.substring(span.start(), span.end())).isEqualTo(span.text());
            assertThat(span.weight()).isPositive();
        }
        Span strongest = assessment.spans().getFirst();
        assertThat(strongest.text()).containsAnyOf("STUUUPID", "1diot");
        assertThat(assessment.spans()).extracting(Span::weight).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void emptyAndOddTextsScoreWithoutFailing() {
        for (String text : List.of("", "   ", "🙂🙂🙂", "@someone #tag https://example.org", "\u0000\uFFFF", "a".repeat(20_000))) {
            AbuseAssessment assessment = abuse.assess(text);
            assertThat(assessment.probability()).isBetween(0.0, 1.0);
            assertThat(assessment.level(AbuseThresholds.DEFAULTS)).as(text).isIn(AbuseLevel.NONE, AbuseLevel.LOW);
        }
    }
}
