package org.parley.comments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.identity.GuestId;
import org.parley.store.Ids;

/**
 * Signed, short-lived names for a reader on a live stream. A browser's EventSource cannot send the
 * guest token, and a bare guest id in the URL would let anyone learn whom that reader blocked (by what
 * their stream leaves out), so the widget gets a ticket — the guest id, an expiry and an HMAC — with its
 * block list and puts that in the stream's URL. The key lives in memory: after a restart old tickets
 * are refused and the widget fetches a new one.
 */
final class LiveTickets {

    static final Duration LIFETIME = Duration.ofHours(12);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    LiveTickets() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    String issue(GuestId viewer, Instant now) {
        String claim = viewer.value() + "." + now.plus(LIFETIME).getEpochSecond();
        return claim + "." + sign(claim);
    }

    /** The reader a ticket names, if Parley signed it and it has not expired. */
    Optional<GuestId> check(String ticket, Instant now) {
        int last = ticket.lastIndexOf('.');
        int first = ticket.indexOf('.');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String claim = ticket.substring(0, last);
        boolean signed = MessageDigest.isEqual(sign(claim).getBytes(StandardCharsets.US_ASCII),
                ticket.substring(last + 1).getBytes(StandardCharsets.US_ASCII));
        String guest = ticket.substring(0, first);
        String expiry = ticket.substring(first + 1, last);
        if (!signed || !Ids.looksLike("g", guest) || expiry.isEmpty() || expiry.length() > 12
                || !expiry.chars().allMatch(Character::isDigit)
                || Instant.ofEpochSecond(Long.parseLong(expiry)).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(new GuestId(guest));
    }

    private String sign(String claim) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(claim.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
