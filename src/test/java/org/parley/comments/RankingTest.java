package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void manyVotesMostlyUpRankAboveOneLonelyUpvote() {
        assertThat(Ranking.wilsonLowerBound(40, 2)).isGreaterThan(Ranking.wilsonLowerBound(1, 0));
    }

    @Test
    void aCommentWithoutVotesRanksBelowALikedOneAndAboveADislikedOneTies() {
        assertThat(Ranking.wilsonLowerBound(0, 0)).isZero();
        assertThat(Ranking.wilsonLowerBound(3, 0)).isGreaterThan(0);
        assertThat(Ranking.wilsonLowerBound(0, 5)).isZero();
    }

    @Test
    void theWilsonBoundStaysBelowTheObservedShare() {
        assertThat(Ranking.wilsonLowerBound(9, 1)).isLessThan(0.9).isGreaterThan(0.5);
    }

    @Test
    void evenlySplitBigDebatesAreMostControversial() {
        double big = Ranking.controversy(50, 50);
        double small = Ranking.controversy(5, 5);
        double lopsided = Ranking.controversy(90, 10);
        assertThat(big).isGreaterThan(small).isGreaterThan(lopsided);
        assertThat(Ranking.controversy(10, 0)).isZero();
    }
}
