package org.parley.moderation;

import java.time.Clock;
import java.time.Duration;
import org.parley.comments.Submission;
import org.parley.http.Allowances;
import org.parley.http.ClientAddress;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;

/**
 * How fast one commenter, and one network address, may post on a site: token buckets per minute and per
 * hour, sized by the site's rules. The commenter's allowance is the one identity names for them: their own,
 * or — for a brand-new guest made in a crowd of guests from one network — the one that network's such guests
 * share, so a new token buys no new allowance. The address's is its network's (an IPv6 /64 is one). Over the
 * limit is a 429 with Retry-After. Buckets live in memory (one node's view); a rule change starts fresh buckets.
 */
final class RateLimits {

    private static final int MAX_BUCKETS = 200_000;

    private final Allowances allowances;
    private final Identity identity;

    RateLimits(Clock clock, Identity identity) {
        this.allowances = new Allowances(clock, MAX_BUCKETS);
        this.identity = identity;
    }

    /** Takes one comment's allowance from the author and from their address, or throws a 429 problem. */
    void take(Submission submission, ModerationRules rules) {
        String site = submission.site().value();
        take("a|" + site + "|" + identity.allowanceHolder(submission.author()) + "|" + rules.commentsPerMinute() + "|"
                        + rules.commentsPerHour(), rules.commentsPerMinute(), rules.commentsPerHour(), "you");
        take("n|" + site + "|" + ClientAddress.network(submission.clientAddress()) + "|" + rules.addressCommentsPerMinute(),
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
