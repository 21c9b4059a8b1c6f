package org.parley.logins;

import java.time.Instant;
import java.util.Optional;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/**
 * A passkey ceremony under way: the random challenge one browser was handed, what it is for, and what the answer
 * must match. Answered once, before {@code expiresAt}.
 *
 * @param challenge  base64url of the challenge bytes, as clientDataJSON carries it back
 * @param origin     the page origin the options went to; the answer must come from it too
 * @param account    {@link Purpose#ADD_PASSKEY}: the signed-in reader adding a passkey
 * @param userHandle the WebAuthn user id offered to the authenticator (base64url), when registering
 * @param name       {@link Purpose#CREATE_ACCOUNT}: the display name the reader chose
 * @param usedAt     when the one accepted answer came
 */
record PasskeyChallenge(String challenge, SiteId site, Purpose purpose, String origin, Optional<ReaderId> account,
                        Optional<String> userHandle, Optional<String> name, Instant expiresAt, Optional<Instant> usedAt) {

    /** What a ceremony is for; its wire name is stored. */
    enum Purpose {
        CREATE_ACCOUNT("create-account", "creating an account"),
        ADD_PASSKEY("add-passkey", "adding a passkey to an account"),
        SIGN_IN("sign-in", "signing in");

        final String wire;
        final String words;

        Purpose(String wire, String words) {
            this.wire = wire;
            this.words = words;
        }

        static Purpose fromWire(String wire) {
            for (Purpose purpose : values()) {
                if (purpose.wire.equals(wire)) {
                    return purpose;
                }
            }
            throw new IllegalStateException("unknown passkey challenge purpose '" + wire + "' in the database");
        }

        boolean registers() {
            return this != SIGN_IN;
        }
    }
}
