package org.parley.media;

import java.time.Clock;
import java.time.Duration;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;

/**
 * How many images one guest, and one network address, may upload: enough for a few comments with four
 * pictures each, too few to use Parley as a free image host. Over the limit is a 429 with Retry-After.
 * Only uploads Parley took in, or refused for what they were, count. Buckets live in memory (one node's
 * view).
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

    /**
     * Takes one upload's allowance from the guest and from their address, or throws a 429 problem; when the
     * address has none left, the guest's is given back, as nothing was uploaded.
     */
    void take(String site, String guest, String address) {
        take(guestKey(site, guest), perGuest, "you");
        try {
            take(addressKey(site, address), perAddress, "your network");
        } catch (ParleyException.RateLimited refused) {
            allowances.giveBack(guestKey(site, guest));
            throw refused;
        }
    }

    /**
     * Gives back what {@link #take} took, for an upload Parley could not take in for reasons of its own (it
     * was busy): a client that comes back after Retry-After is not then told it uploaded too much.
     */
    void giveBack(String site, String guest, String address) {
        allowances.giveBack(guestKey(site, guest));
        allowances.giveBack(addressKey(site, address));
    }

    private static String guestKey(String site, String guest) {
        return "g|" + site + "|" + guest;
    }

    private static String addressKey(String site, String address) {
        return "a|" + site + "|" + address;
    }

    private void take(String key, int allowed, String who) {
        allowances.take(key, new Allowances.Limit(allowed, WINDOW)).ifPresent(seconds -> {
            throw new ParleyException.RateLimited(MediaProblem.TOO_MANY_UPLOADS, "That is more images than this site takes from "
                    + who + " in " + WINDOW.toMinutes() + " minutes; try again in " + seconds + " seconds.", seconds);
        });
    }
}
