package org.parley.mail;

import java.util.Locale;

/** Where an outgoing email is: waiting (first try or a retry), handed to the SMTP server, or given up on. */
public enum MailState {
    QUEUED, SENT, FAILED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MailState ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
