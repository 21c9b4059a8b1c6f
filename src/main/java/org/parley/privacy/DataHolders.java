package org.parley.privacy;

import org.parley.logins.Logins;
import org.parley.notify.Notify;
import org.parley.webhooks.Webhooks;

/**
 * The features besides identity and comments that hold something of a reader: their email settings, their passkeys,
 * and webhook messages that named them. A reader's copy of their data includes theirs; leaving forgets it.
 */
public record DataHolders(Notify notices, Logins logins, Webhooks webhooks) {
}
