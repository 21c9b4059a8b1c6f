package org.parley.comments;

/** The numbers behind {@link Sort#BEST} and {@link Sort#CONTROVERSIAL}. */
final class Ranking {

    /** z for a 95 % confidence interval. */
    private static final double Z = 1.96;

    private Ranking() {
    }

    /**
     * Lower bound of the Wilson score interval for the share of up-votes: a comment with 40 up and 2 down
     * ranks above one with 1 up and 0 down, because we are surer it is liked. 0 with no votes.
     */
    static double wilsonLowerBound(int up, int down) {
        int n = up + down;
        if (n <= 0) {
            return 0;
        }
        double share = (double) up / n;
        double z2 = Z * Z;
        double centre = share + z2 / (2.0 * n);
        double spread = Z * Math.sqrt((share * (1 - share) + z2 / (4.0 * n)) / n);
        return (centre - spread) / (1 + z2 / n);
    }

    /**
     * How divisive a comment is: many votes, split evenly, score high. The vote total raised to the power
     * of the balance (minority share over majority share), so 50 up / 50 down beats 5 / 5 beats 90 / 10.
     */
    static double controversy(int up, int down) {
        if (up <= 0 || down <= 0) {
            return 0;
        }
        double balance = up > down ? (double) down / up : (double) up / down;
        return Math.pow(up + down, balance);
    }
}
