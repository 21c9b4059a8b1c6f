package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoder reads text as its reference tokenizer does (the expected ids are what Hugging Face's
 * tokenizer gives with the same {@code tokenizer.json}), and its vectors place texts by meaning.
 */
class SentenceEncoderTest {

    private static SentenceEncoder encoder;

    @BeforeAll
    static void load() throws EncoderUnavailableException {
        encoder = SentenceEncoder.load(1);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void splitsWordsAndPunctuationLikeTheReferenceTokenizer() {
        assertThat(encoder.tokens("Hello, World! Café naïve — f**k you idiot!!!")).containsExactly(
                101, 7592, 1010, 2088, 999, 7668, 15743, 1517, 1042, 1008, 1008, 1047, 2017, 10041, 999, 999, 999, 102);
        assertThat(encoder.tokens("I'm \u200bsure it's 3.14 e.g. #tag @user https://x.com/a?b=c")).containsExactly(
                101, 1045, 1005, 1049, 2469, 2009, 1005, 1055, 1017, 1012, 2403, 1041, 1012, 1043, 1012, 1001, 6415, 1030,
                5310, 16770, 1024, 1013, 1013, 1060, 1012, 4012, 1013, 1037, 1029, 1038, 1027, 1039, 102);
    }

    @Test
    void cutsUnknownWordsIntoPiecesAndSpacesOutIdeographs() {
        assertThat(encoder.tokens("supercalifragilisticexpialidocious unbelievably")).containsExactly(
                101, 3565, 9289, 10128, 29181, 24411, 4588, 10288, 19312, 21273, 10085, 6313, 4895, 8671, 2666, 3567, 6321, 102);
        assertThat(encoder.tokens("你好 世界 مرحبا بالعالم")).containsExactly(
                101, 100, 100, 1745, 100, 1295, 17149, 29820, 29816, 25573, 1271, 25573, 23673, 29830, 25573, 23673, 22192, 102);
        assertThat(encoder.tokens("Ünïcödé ﬁne ½ ＡＢＣ")).containsExactly(101, 27260, 1984, 2638, 1092, 100, 102);
    }

    @Test
    void longTextsStopAtTheEncodersLength() {
        int[] ids = encoder.tokens("word ".repeat(500));
        assertThat(ids).hasSize(SentenceEncoder.MAX_TOKENS);
        assertThat(ids[ids.length - 1]).isEqualTo(102);
    }

    @Test
    void textsOfLikeMeaningLieCloserThanUnrelatedOnes() {
        float[] library = encoder.embed("The council voted to close the library on Sundays.");
        float[] sameNews = encoder.embed("Our local library will no longer open on Sunday after the council's vote.");
        float[] football = encoder.embed("The striker scored twice in the second half.");
        assertThat(dot(library, library)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(library, sameNews)).isGreaterThan(dot(library, football) + 0.3);
    }

    @Test
    void aTextAlwaysGetsTheSameVector() {
        String text = "Moderation decisions must not depend on what else was posted at the same moment.";
        float[] first = encoder.embed(text);
        encoder.embed("something else in between");
        assertThat(encoder.embed(text)).containsExactly(first);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void withoutItsWeightsTheEncoderSaysWhyItCannotRun() {
        ClassLoader empty = new java.net.URLClassLoader(new java.net.URL[0], null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SentenceEncoder.load(1, empty))
                .isInstanceOf(EncoderUnavailableException.class)
                .hasMessage("the encoder's weights (all-minilm-l6-v2-q.onnx) are not on the class path");
    }

    @Test
    void theFastModelAloneStillScoresAndExplainsAndSaysWhy() {
        Abuse fast = Abuse.createFastOnly();
        assertThat(fast.fastOnlyBecause()).contains("the sentence encoder is turned off (abuse.encoder=off)");
        try (Abuse both = Abuse.create()) {
            assertThat(both.fastOnlyBecause()).isEmpty();
        }
        AbuseAssessment insult = fast.assess("shut up you stupid idiot");
        assertThat(insult.probability()).isGreaterThan(AbuseThresholds.DEFAULT_FLAG);
        assertThat(insult.spans()).isNotEmpty();
        assertThat(fast.assess("Thanks for the clear write-up on the bridge works.").probability()).isLessThan(AbuseThresholds.DEFAULT_LOW);
    }
}
