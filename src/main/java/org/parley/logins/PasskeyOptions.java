package org.parley.logins;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the widget hands {@code navigator.credentials.create()} or {@code .get()}, as the JSON forms WebAuthn Level 3
 * names ({@code PublicKeyCredentialCreationOptionsJSON}, {@code …RequestOptionsJSON}): bytes in base64url.
 */
final class PasskeyOptions {

    /** How long the browser waits for the reader; the challenge outlives it, so a slow reader's answer still counts. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private PasskeyOptions() {
    }

    /**
     * Options to make a discoverable passkey (the reader signs in later without typing a name) for the user
     * {@code userHandle} shown as {@code name}; {@code exclude} lists the account's passkeys, so an authenticator
     * that holds one already says so instead of making a second.
     */
    static Map<String, Object> creation(PasskeyChallenge challenge, RelyingParty rp, String name, List<StoredPasskey> exclude) {
        Map<String, Object> publicKey = new LinkedHashMap<>();
        publicKey.put("challenge", challenge.challenge());
        publicKey.put("rp", Map.of("id", rp.id(), "name", rp.name()));
        publicKey.put("user", Map.of("id", challenge.userHandle().orElseThrow(), "name", name, "displayName", name));
        publicKey.put("pubKeyCredParams", PasskeyCeremonies.ALGORITHMS.stream().map(alg -> Map.of("type", "public-key", "alg", alg)).toList());
        publicKey.put("timeout", TIMEOUT.toMillis());
        publicKey.put("excludeCredentials", exclude.stream().map(PasskeyOptions::descriptor).toList());
        publicKey.put("authenticatorSelection", Map.of("residentKey", "required", "requireResidentKey", true,
                "userVerification", "preferred"));
        publicKey.put("attestation", "none");
        return Map.of("publicKey", publicKey, "expiresAt", challenge.expiresAt().toString());
    }

    /** Options to sign in with any passkey of this page's host: no list of credentials, the authenticator offers its own. */
    static Map<String, Object> request(PasskeyChallenge challenge, RelyingParty rp) {
        Map<String, Object> publicKey = new LinkedHashMap<>();
        publicKey.put("challenge", challenge.challenge());
        publicKey.put("rpId", rp.id());
        publicKey.put("timeout", TIMEOUT.toMillis());
        publicKey.put("userVerification", "preferred");
        publicKey.put("allowCredentials", List.of());
        return Map.of("publicKey", publicKey, "expiresAt", challenge.expiresAt().toString());
    }

    private static Map<String, Object> descriptor(StoredPasskey passkey) {
        return Map.of("type", "public-key", "id", passkey.credentialId(), "transports", passkey.transports().stream().sorted().toList());
    }
}
