package org.parley.media;

import java.time.Clock;
import java.time.Duration;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;

/**
 * How many images one guest, and one network address, may upload: enough for a few comments with four
 * pictures each, too few to use Parley as a free image host. Over the limit is a 429 with Retry-After.
 * Buckets live in memory (one node's view).
 */
final class UploadLimits {

    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int MAX_BUCKETS = 100_000;

    private final Allowances allowances;
    private final int perGuest;
    private final int perAddress;

    UploadLimits(Clock clock, MediaConfig config) {
        this.allowances = new Allowances(clock, MAX_BUCKETS);
        this.perGuest = config.uploadsPerGuest();
        this.perAddress = config.uploadsPerAddress();
    }

    /** Takes one upload's allowance from the guest and from their address, or throws a 429 problem. */
    void take(String site, String guest, String address) {
        take("g|" + site + "|" + guest, perGuest, "you");
        take("a|" + site + "|" + address, perAddress, "your network");
    }

    private void take(String key, int allowed, String who) {
        allowances.take(key, new Allowances.Limit(allowed, WINDOW)).ifPresent(seconds -> {
            throw new ParleyException.RateLimited(MediaProblem.TOO_MANY_UPLOADS, "That is more images than this site takes from "
                    + who + " in " + WINDOW.toMinutes() + " minutes; try again in " + seconds + " seconds.", seconds);
        });
    }
}
