package org.parley.logins;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.parley.identity.ReaderId;

/**
 * A reader's passkey as kept: the public key that checks its signatures and the counter that exposes a clone.
 *
 * @param credentialId base64url, as the browser names the credential
 * @param userHandle   base64url; the same for every passkey of one account, the subject of its {@code passkey} login
 * @param rpId         the host the passkey is bound to (the article page's)
 * @param publicKey    the COSE_Key the authenticator registered
 * @param signCount    the highest signature counter seen
 * @param transports   how the browser may reach the authenticator ({@code internal}, {@code hybrid}, {@code usb} …)
 */
record StoredPasskey(String credentialId, String realm, ReaderId account, String userHandle, String rpId, byte[] publicKey,
                     long signCount, Set<String> transports, String label, Instant createdAt, Optional<Instant> lastUsedAt) {

    StoredPasskey {
        publicKey = publicKey.clone();
        transports = Set.copyOf(transports);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }
}
