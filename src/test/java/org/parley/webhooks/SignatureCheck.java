package org.parley.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver checks a webhook, written from the Standard Webhooks specification and nothing in
 * Parley's main code: the key is the base64 after {@code whsec_}; the signed text is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}; the header holds space-separated {@code v1,<base64>}
 * entries, any one of which may match; the timestamp must be recent.
 */
final class SignatureCheck {

    private SignatureCheck() {
    }

    static boolean valid(String secret, String id, String timestamp, String body, String header, long nowSeconds) {
        if (id == null || timestamp == null || header == null || !secret.startsWith("whsec_")) {
            return false;
        }
        if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        byte[] expected;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        for (String entry : header.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(comma + 1)))) {
                return true;
            }
        }
        return false;
    }
}
