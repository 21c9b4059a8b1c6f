package org.parley.identity;

import java.time.Instant;

/** A new session: the token the widget sends as a bearer token until {@code expiresAt}, shown only now. */
public record SignedIn(Account account, String token, Instant expiresAt) {
}
