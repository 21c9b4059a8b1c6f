package org.parley.webhooks;

import java.time.Instant;
import java.util.List;

/** An endpoint with its secrets, newest first; older ones still sign until {@code olderUntil} (a rotation's grace). */
record EndpointRow(Endpoint endpoint, List<String> secrets, Instant olderUntil) {

    EndpointRow {
        secrets = List.copyOf(secrets);
    }

    /** The secrets that sign a message sent at {@code now}. */
    List<String> signingSecrets(Instant now) {
        return now.isBefore(olderUntil) ? secrets : secrets.subList(0, 1);
    }

    @Override
    public String toString() {
        return "EndpointRow[" + endpoint + ", " + secrets.size() + " secrets]";
    }
}
