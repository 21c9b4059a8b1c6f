package org.parley.media;

import java.time.Clock;
import java.time.Duration;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;
import org.parley.store.Database;

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

    UploadLimits(Database db, Clock clock, MediaConfig config) {
        this.allowances = Allowances.create(db, clock, "uploads", MAX_BUCKETS);
        this.perGuest = config.uploadsPerGuest();
        this.perAddress = config.uploadsPerAddress();
    }

    /**
     * Takes one upload's allowance from the guest and from their network (and its delegation, an IPv6 /48,
     * ten times as large), or throws a 429 problem; when the network has none left, the guest's is given back,
     * as nothing was uploaded.
     */
    void take(String site, String guest, String clientAddress) {
        take(guestKey(site, guest), perGuest, "you");
        allowances.takeForNetwork(networkScope(site), clientAddress, new Allowances.Limit(perAddress, WINDOW)).ifPresent(seconds -> {
            allowances.giveBack(guestKey(site, guest));
            throw tooMany("your network", seconds);
        });
    }

    /**
     * Gives back what {@link #take} took, for an upload Parley could not take in for reasons of its own (it
     * was busy): a client that comes back after Retry-After is not then told it uploaded too much.
     */
    void giveBack(String site, String guest, String clientAddress) {
        allowances.giveBack(guestKey(site, guest));
        allowances.giveBackForNetwork(networkScope(site), clientAddress);
    }

    private static String guestKey(String site, String guest) {
        return "g|" + site + "|" + guest;
    }

    private static String networkScope(String site) {
        return "a|" + site;
    }

    private void take(String key, int allowed, String who) {
        allowances.take(key, new Allowances.Limit(allowed, WINDOW)).ifPresent(seconds -> {
            throw tooMany(who, seconds);
        });
    }

    private static ParleyException tooMany(String who, long seconds) {
        return new ParleyException.RateLimited(MediaProblem.TOO_MANY_UPLOADS, "That is more images than this site takes from "
                + who + " in " + WINDOW.toMinutes() + " minutes; try again in " + seconds + " seconds.", seconds);
    }
}
