package org.parley.privacy;

import org.parley.imports.Imports;
import org.parley.logins.Logins;
import org.parley.notify.Notify;
import org.parley.webhooks.Webhooks;

/**
 * The features besides identity and comments that hold something of a reader: their email settings, their passkeys,
 * webhook messages that named them, and which archived author (a digest of an email) they became on import. A
 * reader's copy of their data includes theirs; leaving forgets it.
 */
public record DataHolders(Notify notices, Logins logins, Webhooks webhooks, Imports imports) {
}
