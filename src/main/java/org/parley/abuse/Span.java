package org.parley.abuse;

/**
 * A word or phrase that pushed a comment's score up: {@code [start, end)} are UTF-16 offsets into the
 * original text (what a UI highlights), {@code text} is that part of the original, and {@code weight}
 * is how much it added to the score, in log-odds (1.0 multiplies the odds of abuse by e).
 */
public record Span(int start, int end, String text, double weight) {

    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span must have 0 <= start < end, was [" + start + ", " + end + ")");
        }
    }
}
