package org.parley.store;

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
import org.jdbi.v3.core.Handle;

/**
 * HMAC-SHA-256 signatures for short-lived tokens that any node must accept, under keys kept in the
 * database ({@code signing_keys}). Each purpose has one key per {@link #PERIOD}, made by whichever node
 * first needs it; a signature names its period, and one is accepted during its period and the next, so a
 * token may live up to one period. Keys older than that are deleted when a new one is made: keys rotate
 * daily, on every node, without a restart. Thread-safe.
 */
public final class SigningKeys {

    public static final Duration PERIOD = Duration.ofDays(1);
    private static final String ALGORITHM = "HmacSHA256";

    private final Database db;
    private final SecureRandom random = new SecureRandom();
    private final SharedCache<Optional<String>> secrets;

    SigningKeys(Database db) {
        this.db = db;
        // A key never changes once made; an entry is only dropped when a node makes the key it lacked.
        this.secrets = db.caches().cache("signing-keys", 64, (h, id) -> find(h, id));
    }

    /** A signature of {@code claim} for {@code purpose}: the key's period, a dot, and the MAC (URL-safe). */
    public String sign(String purpose, String claim, Instant now) {
        long period = periodOf(now);
        return period + "." + mac(key(purpose, period), claim);
    }

    /** True when {@code signature} is what {@link #sign} gave for {@code claim} in this period or the last. */
    public boolean verify(String purpose, String claim, String signature, Instant now) {
        int dot = signature.indexOf('.');
        if (dot <= 0 || dot > 12 || !signature.substring(0, dot).chars().allMatch(Character::isDigit)) {
            return false;
        }
        long period = Long.parseLong(signature.substring(0, dot));
        long current = periodOf(now);
        if (period != current && period != current - 1) {
            return false;
        }
        String expected = mac(key(purpose, period), claim);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static long periodOf(Instant now) {
        return Math.floorDiv(now.toEpochMilli(), PERIOD.toMillis());
    }

    private String key(String purpose, long period) {
        String id = purpose + '\n' + period;
        Optional<String> secret = secrets.get(id);
        if (secret.isPresent()) {
            return secret.get();
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        db.write(h -> {
            h.createUpdate("""
                            INSERT INTO signing_keys (purpose, period, secret, created_at) VALUES (:purpose, :period, :secret, :now)
                            ON CONFLICT (purpose, period) DO NOTHING""")
                    .bind("purpose", purpose)
                    .bind("period", period)
                    .bind("secret", Base64.getEncoder().encodeToString(fresh))
                    .bind("now", System.currentTimeMillis())
                    .execute();
            h.createUpdate("DELETE FROM signing_keys WHERE purpose = :purpose AND period < :oldest")
                    .bind("purpose", purpose)
                    .bind("oldest", period - 1)
                    .execute();
            secrets.changed(id);
            return null;
        });
        // Another node may have made it first: the stored key is the one every node uses.
        return secrets.get(id).orElseThrow(() -> new IllegalStateException("signing key " + purpose + "/" + period + " vanished"));
    }

    private static Optional<String> find(Handle h, String id) {
        int split = id.indexOf('\n');
        return h.createQuery("SELECT secret FROM signing_keys WHERE purpose = :purpose AND period = :period")
                .bind("purpose", id.substring(0, split))
                .bind("period", Long.parseLong(id.substring(split + 1)))
                .mapTo(String.class)
                .findOne();
    }

    private static String mac(String secret, String claim) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), ALGORITHM));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(claim.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
