package org.parley.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs messages the Standard Webhooks way: HMAC-SHA256 over {@code id.timestamp.body}, keyed with the
 * bytes a {@code whsec_} secret encodes, sent as {@code v1,<base64>}; one signature per secret, separated
 * by spaces, so receivers keep working while a secret is being rotated. Thread-safe.
 */
final class Signer {

    static final String PREFIX = "whsec_";
    /** The spec allows 24 to 64 bytes; 32 matches the hash's own size. */
    private static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    /** A fresh secret, {@code whsec_} and the standard base64 of 32 random bytes. */
    String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value for {@code body}, signed with each secret, newest first. */
    String signature(List<String> secrets, String messageId, long unixSeconds, String body) {
        byte[] signed = (messageId + "." + unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        StringJoiner header = new StringJoiner(" ");
        for (String secret : secrets) {
            header.add("v1," + Base64.getEncoder().encodeToString(hmac(key(secret), signed)));
        }
        return header.toString();
    }

    private static byte[] key(String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalStateException("a stored webhook secret lacks the " + PREFIX + " prefix");
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
