package org.parley.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.http.ClientAddress;

/**
 * Turns a network into what Parley stores about it: an HMAC-SHA-256 of its name ({@link ClientAddress#network},
 * {@link ClientAddress#household} or {@link ClientAddress#delegation}) under this installation's own secret,
 * cut to 128 bits. Equal networks give equal pseudonyms, so acts can be grouped by network; the address
 * itself is never stored, and without the secret (kept in the database, never shown) a pseudonym cannot be
 * tested against guessed addresses. The reaches of an IPv6 address name differently ({@code …/64},
 * {@code …/56}, {@code …/48}), so their pseudonyms differ; an IPv4 address has one pseudonym at every reach.
 * Thread-safe.
 */
final class NetworkPseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int BYTES = 16;

    private final SecretKeySpec key;

    NetworkPseudonyms(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The pseudonym of {@code network}, a name {@link ClientAddress} gave: 32 hexadecimal characters. */
    String of(String network) {
        try {
            // A Mac is not thread-safe and costs about a microsecond to make: one per call.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(network.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
