package org.parley.moderation;

import java.time.Clock;
import java.time.Duration;
import org.parley.comments.Submission;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;

/**
 * How fast one commenter, and one network address, may post on a site: token buckets per minute and per
 * hour, sized by the site's rules. Over the limit is a 429 with Retry-After. Buckets live in memory (one
 * node's view); a rule change starts fresh buckets.
 */
final class RateLimits {

    private static final int MAX_BUCKETS = 200_000;

    private final Allowances allowances;

    RateLimits(Clock clock) {
        this.allowances = new Allowances(clock, MAX_BUCKETS);
    }

    /** Takes one comment's allowance from the author and from their address, or throws a 429 problem. */
    void take(Submission submission, ModerationRules rules) {
        String site = submission.site().value();
        take("a|" + site + "|" + submission.author().value() + "|" + rules.commentsPerMinute() + "|" + rules.commentsPerHour(),
                rules.commentsPerMinute(), rules.commentsPerHour(), "you");
        take("n|" + site + "|" + submission.clientAddress() + "|" + rules.addressCommentsPerMinute(),
                rules.addressCommentsPerMinute(), rules.addressCommentsPerMinute() * 60, "your network");
    }

    private void take(String key, int perMinute, int perHour, String who) {
        allowances.take(key, new Allowances.Limit(perMinute, Duration.ofMinutes(1)), new Allowances.Limit(perHour, Duration.ofHours(1)))
                .ifPresent(seconds -> {
                    throw new ParleyException.RateLimited(ModerationProblem.TOO_MANY_COMMENTS,
                            "That is more comments than this site accepts from " + who + " in a short time; try again in "
                                    + seconds + " seconds.", seconds);
                });
    }
}
