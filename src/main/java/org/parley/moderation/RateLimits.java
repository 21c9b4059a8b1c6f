package org.parley.moderation;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.comments.Submission;
import org.parley.http.ParleyException;

/**
 * How fast one commenter, and one network address, may post on a site: token buckets per minute and per
 * hour, sized by the site's rules. Over the limit is a 429 with Retry-After. Buckets live in memory (one
 * node's view); a rule change starts fresh buckets.
 */
final class RateLimits {

    private static final int MAX_BUCKETS = 200_000;

    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
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
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ParleyException.RateLimited(ModerationProblem.TOO_MANY_COMMENTS,
                    "That is more comments than this site accepts from " + who + " in a short time; try again in "
                            + seconds + " seconds.", seconds);
        }
    }
}
