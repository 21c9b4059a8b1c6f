package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped model reads a disguised word as the word, and says when a comment is not in English
 * rather than giving it a score that looks trustworthy.
 */
class DisguisedWordsTest {

    private static Abuse abuse;

    @BeforeAll
    static void load() {
        abuse = Abuse.create();
    }

    @Test
    void maskedAndSpacedOutWordsScoreAsTheWordItselfAndTheSpanPointsAtWhatWasTyped() {
        double plain = abuse.assess("you are a fucking idiot").probability();
        for (String disguised : new String[] {"you are a f**king id*ot", "you are a f u c k i n g i d i o t",
                                              "you are a f.u.c.k.i.n.g idiot", "you are a fvcking 1diot"}) {
            AbuseAssessment assessment = abuse.assess(disguised);
            assertThat(assessment.probability()).as(disguised).isCloseTo(plain, Offset.offset(0.03));
            assertThat(assessment.level(AbuseThresholds.DEFAULTS)).as(disguised).isIn(AbuseLevel.FLAG, AbuseLevel.HOLD);
            assertThat(assessment.spans()).as(disguised).allSatisfy(span ->
                    assertThat(disguised.substring(span.start(), span.end())).isEqualTo(span.text()));
        }
    }

    @Test
    void ordinaryStarsAndInitialsAreNotReadAsInsults() {
        for (String clean : new String[] {"The **final** vote is on Monday, see footnote*.", "5*3 is fifteen, as the budget table says",
                                          "J. R. R. Tolkien lived in this town for a while", "The U S A and the E U signed the deal"}) {
            assertThat(abuse.assess(clean).level(AbuseThresholds.DEFAULTS)).as(clean).isIn(AbuseLevel.NONE, AbuseLevel.LOW);
        }
    }

    @Test
    void aCommentInAnotherLanguageIsMarkedUnreliableNotSilentlyLow() {
        assertThat(abuse.assess("Du bist wirklich ein Vollidiot, und das weiss hier jeder im Forum.").reliable()).isFalse();
        assertThat(abuse.assess("Tu es vraiment un imbécile, tout le monde le sait ici.").reliable()).isFalse();
        assertThat(abuse.assess("Ты просто идиот, и все здесь это знают.").reliable()).isFalse();
        assertThat(abuse.assess("You are an idiot and everyone here knows it.").reliable()).isTrue();
        assertThat(abuse.assess("so true").reliable()).as("too short to tell: scored as English").isTrue();
    }

    @AfterAll
    static void closeModel() {
        abuse.close();
    }
}
