package org.parley.comments;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.parley.identity.ReaderId;
import org.parley.store.Ids;
import org.parley.store.SigningKeys;

/**
 * Signed, short-lived names for a reader on a live stream. A browser's EventSource cannot send the
 * guest token, and a bare guest id in the URL would let anyone learn whom that reader blocked (by what
 * their stream leaves out), so the widget gets a ticket — the guest id, an expiry and a signature — with
 * its block list and puts that in the stream's URL. Keys live in the database, so a ticket one node
 * issued is good on every node and across restarts; they rotate daily.
 */
final class LiveTickets {

    static final Duration LIFETIME = Duration.ofHours(12);
    private static final String PURPOSE = "live-ticket";

    private final SigningKeys keys;

    LiveTickets(SigningKeys keys) {
        this.keys = keys;
    }

    String issue(ReaderId viewer, Instant now) {
        String claim = viewer.value() + "." + now.plus(LIFETIME).getEpochSecond();
        return claim + "." + keys.sign(PURPOSE, claim, now);
    }

    /** The reader a ticket names, if Parley signed it and it has not expired. */
    Optional<ReaderId> check(String ticket, Instant now) {
        String[] parts = ticket.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        String guest = parts[0];
        String expiry = parts[1];
        if (!Ids.looksLike("g", guest) || expiry.isEmpty() || expiry.length() > 12 || !expiry.chars().allMatch(Character::isDigit)
                || Instant.ofEpochSecond(Long.parseLong(expiry)).isBefore(now)
                || !keys.verify(PURPOSE, guest + "." + expiry, parts[2] + "." + parts[3], now)) {
            return Optional.empty();
        }
        return Optional.of(new ReaderId(guest));
    }
}
