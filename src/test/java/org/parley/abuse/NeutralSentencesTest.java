package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Naming who someone is, denying an insult, and speaking up against abuse are not abuse. These
 * sentences are deliberately not among the texts Parley writes for training ({@code abuse/neutral-identity.txt},
 * {@code abuse/counter-speech.txt}, {@code abuse/neutral-comments.txt}), whose word lists also leave out
 * the insults used here, so they measure rather than repeat the training.
 */
class NeutralSentencesTest {

    private static Abuse abuse;

    @BeforeAll
    static void load() {
        abuse = Abuse.create();
    }

    @Test
    void identityTermsAloneDoNotMakeACommentAbusive() {
        assertNotFlagged(List.of(
                "I am a gay Muslim woman",
                "Jews, Arabs and Americans live here",
                "As a Black mother of two I read this with interest",
                "My husband is Mexican and my wife's sister is Jewish",
                "The mosque and the synagogue share a car park",
                "Trans people deserve the same healthcare as everyone else",
                "Most refugees in our town work in the hospitals",
                "I'm an atheist married to a Catholic",
                "Palestinians and Israelis both lost family in this war",
                "The Yankees won again last night",
                "Deaf children need better schools"));
    }

    /**
     * Counter-speech uses the words of what it condemns, so it is the hardest clean text: model v4 flags
     * one of these six ("Insulting people because of their religion has no place here", 0.61; the fast
     * model alone 0.50), v3 none. At most one may reach the flag line, none the hold line;
     * {@code HardSentencesTest} measures 30 more.
     */
    @Test
    void negationAndCounterSpeechAreNotAbuse() {
        List<String> sentences = List.of(
                "calling someone a troll is not OK",
                "Please don't call other readers names, argue with their points instead",
                "Insulting people because of their religion has no place here",
                "I don't think you are lying, I think the source is wrong",
                "Racism is never acceptable, whoever it targets",
                "Can we keep this civil? Name-calling helps no one.");
        long flagged = sentences.stream().filter(s -> abuse.assess(s).level(AbuseThresholds.DEFAULTS) != AbuseLevel.NONE
                && abuse.assess(s).level(AbuseThresholds.DEFAULTS) != AbuseLevel.LOW).count();
        assertThat(flagged).as("counter-speech sentences flagged, of 6").isLessThanOrEqualTo(1);
        for (String sentence : sentences) {
            assertThat(abuse.assess(sentence).level(AbuseThresholds.DEFAULTS)).as(sentence).isNotEqualTo(AbuseLevel.HOLD);
        }
    }

    /**
     * Everyday comments, many about the comment section itself: Parley's hostile training comments talk
     * about threads, posts and accounts, and the model must not learn those words as abuse.
     */
    @Test
    void everydayCommentsAreNotAbuse() {
        assertNotFlagged(List.of(
                "Thanks for the write-up, very helpful.",
                "Does anyone know when the road reopens?",
                "Posting from the train, so excuse the typos.",
                "Good point in the comment above about parking.",
                "Is my account shared with the newsletter?",
                "I've lived in this town for forty years and never seen a flood like it.",
                "Enjoy the match tonight, everyone!",
                "Another comment about the cup final",
                "Replying to myself: the ferry times are on the harbour website.",
                "Hope the kids at the school are all right."));
    }

    /**
     * A negated insult is not an insult: since model v2 a word in the scope of a negation ("not",
     * "nobody", "n't" … up to 4 words, within the clause) has features of its own, learned from data and
     * from Parley's counter-speech sentences, instead of the plain word's.
     */
    @Test
    void negatedInsultsAreNotAbuse() {
        assertNotFlagged(List.of(
                "Nobody here is stupid for asking a question",
                "you are not an idiot"));
    }

    private static void assertNotFlagged(List<String> sentences) {
        for (String sentence : sentences) {
            AbuseAssessment assessment = abuse.assess(sentence);
            assertThat(assessment.level(AbuseThresholds.DEFAULTS))
                    .as("'%s' scored %.3f", sentence, assessment.probability())
                    .isIn(AbuseLevel.NONE, AbuseLevel.LOW);
        }
    }

    @AfterAll
    static void closeModel() {
        abuse.close();
    }
}
