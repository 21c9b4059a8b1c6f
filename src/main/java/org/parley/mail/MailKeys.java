package org.parley.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.http.ParleyException;

/**
 * The two HMAC-SHA-256 keys of the mail feature, each made once per installation and kept in
 * {@code mail_secrets}: one turns an address into the pseudonym opt-outs and logs use (so neither holds an
 * address, and without the key a pseudonym cannot be tested against guessed addresses); the other signs
 * unsubscribe tokens. A token is {@code <address hash>.<category>.<expiry, epoch seconds>.<signature>}: it
 * names no address, and only this installation can make one. Thread-safe.
 */
final class MailKeys {

    /** How long an unsubscribe link in an email keeps working. */
    static final Duration TOKEN_LIFETIME = Duration.ofDays(180);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HASH_BYTES = 16;

    /** A valid token's claims. */
    record Unsubscribe(String addressHash, MailCategory category) {
    }

    private final SecretKeySpec addressKey;
    private final SecretKeySpec tokenKey;

    MailKeys(String addressSecret, String tokenSecret) {
        this.addressKey = new SecretKeySpec(addressSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.tokenKey = new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** 32 hexadecimal characters naming the lower-cased address. */
    String addressHash(EmailAddress address) {
        return HexFormat.of().formatHex(mac(addressKey, address.normalized()), 0, HASH_BYTES);
    }

    /** What a log may say about an address: 8 characters of its pseudonym and its domain. */
    String forLog(EmailAddress address) {
        return addressHash(address).substring(0, 8) + "@" + address.domain();
    }

    /** A token unsubscribing {@code addressHash} from {@code category}, valid until {@code now + TOKEN_LIFETIME}. */
    String token(String addressHash, MailCategory category, Instant now) {
        String claims = addressHash + "." + category.slug() + "." + now.plus(TOKEN_LIFETIME).getEpochSecond();
        return claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(tokenKey, claims));
    }

    /**
     * The claims of {@code token}, or a 4xx problem saying what is wrong: {@code malformed-unsubscribe-token}
     * (not a token's shape), {@code forged-unsubscribe-token} (not signed here) or
     * {@code expired-unsubscribe-token}. The signature is checked before the expiry, so an altered date reads
     * as forged.
     */
    Unsubscribe verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].matches("[0-9a-f]{32}") || !parts[2].matches("[0-9]{1,12}")
                || !parts[3].matches("[A-Za-z0-9_-]{43}")) {
            throw new ParleyException.InvalidInput(MailProblem.MALFORMED_UNSUBSCRIBE_TOKEN,
                    "This unsubscribe link is incomplete or damaged; open the link from the email again, whole.");
        }
        String claims = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac(tokenKey, claims)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
            throw new ParleyException.Forbidden(MailProblem.FORGED_UNSUBSCRIBE_TOKEN,
                    "This unsubscribe link was not made by this Parley or was altered; nothing was changed.");
        }
        MailCategory category = MailCategory.ofSlug(parts[1]).filter(MailCategory::unsubscribable)
                .orElseThrow(() -> new ParleyException.InvalidInput(MailProblem.MALFORMED_UNSUBSCRIBE_TOKEN,
                        "This unsubscribe link names a kind of email one cannot unsubscribe from."));
        if (Long.parseLong(parts[2]) < now.getEpochSecond()) {
            throw new ParleyException.InvalidInput(MailProblem.EXPIRED_UNSUBSCRIBE_TOKEN,
                    "This unsubscribe link has expired (links work for " + TOKEN_LIFETIME.toDays()
                            + " days); use the link in a more recent email.");
        }
        return new Unsubscribe(parts[0], category);
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            // A Mac is not thread-safe and cheap to make: one per call.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
