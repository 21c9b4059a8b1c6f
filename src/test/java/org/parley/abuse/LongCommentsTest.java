package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
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

    /**
     * A long comment is not flagged for being long: its paragraphs taken alone are short civil comments,
     * and the whole is flagged no more often than they are (with a plain maximum over its parts, every extra
     * paragraph would be another chance to cross the line).
     */
    @Test
    void longCivilCommentsAreFlaggedNoMoreOftenThanTheirParagraphsAlone() {
        double flag = AbuseThresholds.DEFAULT_FLAG;
        long wholeFlagged = 0;
        long paragraphs = 0;
        long paragraphsFlagged = 0;
        for (String comment : civil) {
            for (String paragraph : comment.split("\n")) {
                if (!paragraph.isBlank()) {
                    double p = score(paragraph);
                    paragraphs++;
                    paragraphsFlagged += p >= flag ? 1 : 0;
                }
            }
            wholeFlagged += score(comment) >= flag ? 1 : 0;
        }
        double wholeShare = wholeFlagged / (double) civil.size();
        double paragraphShare = paragraphsFlagged / (double) paragraphs;
        System.out.printf(Locale.ROOT, "long civil comments: %d of %d flagged (%.1f%%); their %d paragraphs alone: %d (%.1f%%)%n",
                wholeFlagged, civil.size(), 100 * wholeShare, paragraphs, paragraphsFlagged, 100 * paragraphShare);
        assertThat(civil).hasSize(40);
        assertThat(wholeFlagged).as("long civil comments flagged, of 40").isLessThanOrEqualTo(4);
        assertThat(wholeShare).as("share of whole comments flagged against share of paragraphs").isLessThanOrEqualTo(paragraphShare + 0.05);
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
    private static final long FLOOR_ONE_INSULT = 10;

    private static double score(String text) {
        return abuse.assess(text).probability();
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

    @AfterAll
    static void closeModel() {
        abuse.close();
    }
}
