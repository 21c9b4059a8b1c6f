package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Length is no evidence of abuse, and repetition counts once. The long comments were written for these
 * tests (never trained on): 40 civil ones of 900-2,000 characters, argued and sometimes blunt about
 * governments and armies, and 30 as long with one insult of another reader or a group in the middle or
 * at the end. The floors sit a little under what model v4 measured (docs/MODEL.md).
 */
class LongCommentsTest {

    private static Abuse abuse;
    private static List<String> civil;
    private static List<String> oneInsult;

    @BeforeAll
    static void load() throws IOException {
        abuse = Abuse.create();
        civil = comments("abuse/long-civil-comments.txt");
        oneInsult = comments("abuse/long-comments-one-insult.txt");
    }

    @Test
    void longCivilCommentsScoreLikeTheirOwnParagraphs() {
        double[] whole = civil.stream().mapToDouble(LongCommentsTest::score).sorted().toArray();
        double[] paragraphs = civil.stream().flatMap(c -> Arrays.stream(c.split("\n")))
                .filter(p -> !p.isBlank()).mapToDouble(LongCommentsTest::score).sorted().toArray();
        long flagged = Arrays.stream(whole).filter(p -> p >= AbuseThresholds.DEFAULT_FLAG).count();
        System.out.printf(Locale.ROOT, "long civil comments: median %.3f (paragraphs alone %.3f), %d of %d flagged%n",
                median(whole), median(paragraphs), flagged, whole.length);
        assertThat(civil).hasSize(40);
        assertThat(flagged).as("long civil comments flagged").isLessThanOrEqualTo(2);
        assertThat(median(whole)).as("median of whole comments against median of their paragraphs")
                .isLessThanOrEqualTo(median(paragraphs) + 0.05);
    }

    @Test
    void oneInsultInALongCommentIsStillFlaggedMostOfTheTime() {
        long flagged = oneInsult.stream().filter(c -> score(c) >= AbuseThresholds.DEFAULT_FLAG).count();
        System.out.printf(Locale.ROOT, "long comments with one insult: %d of %d flagged%n", flagged, oneInsult.size());
        assertThat(oneInsult).hasSize(30);
        assertThat(flagged).isGreaterThanOrEqualTo(FLOOR_ONE_INSULT);
    }

    @Test
    void aCommentWrittenOutSeveralTimesScoresAsOnce() {
        for (String comment : civil.subList(0, 5)) {
            double once = score(comment);
            assertThat(score(comment + "\n" + comment + "\n" + comment)).isCloseTo(once, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @Test
    void aWordPastedAHundredTimesWeighsAsOnce() {
        assertThat(score("clown " .repeat(100))).isCloseTo(score("clown"), org.assertj.core.data.Offset.offset(0.01));
        String civilLine = "I think the tram extension is worth the money. ";
        assertThat(score(civilLine.repeat(30))).isCloseTo(score(civilLine), org.assertj.core.data.Offset.offset(0.01));
    }

    /** Set from the measured count (docs/MODEL.md, "Product checks") less a margin for retraining. */
    private static final long FLOOR_ONE_INSULT = 18;

    private static double score(String text) {
        return abuse.assess(text).probability();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static List<String> comments(String resource) throws IOException {
        try (InputStream in = LongCommentsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.replace("\\n", "\n"))
                    .toList();
        }
    }
}
