package org.parley.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimHashTest {

    static long of(String text) {
        return SimHash.of(SimHash.words(text));
    }

    @Test
    void theSameMessageWithSmallEditsIsNearAndADifferentOneIsNot() {
        String spam = "Earn four thousand dollars a week from home with this one simple trick, visit my profile now";
        String edited = "EARN four thousand dollars a week from home with this one simple trick!!! Visit my profile today";
        String other = "The observatory's figures should be checked against at least one independent source before printing";
        assertThat(SimHash.near(of(spam), of(edited))).isTrue();
        assertThat(SimHash.near(of(spam), of(other))).isFalse();
        assertThat(Long.bitCount(of(spam) ^ of(other))).as("unrelated texts are about half the bits apart").isGreaterThan(20);
        assertThat(of(spam)).isEqualTo(of(spam.toLowerCase()));
    }

    @Test
    void shortRepliesAreTooShortToJudge() {
        assertThat(SimHash.words("Agreed, well said!")).hasSizeLessThan(SimHash.MIN_WORDS);
    }
}
