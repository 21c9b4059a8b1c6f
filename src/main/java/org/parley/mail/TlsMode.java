package org.parley.mail;

import java.util.Locale;

/** How the SMTP connection is protected. */
public enum TlsMode {
    /** Plain SMTP: only for a relay on the same machine or network. */
    NONE,
    /** Plain connection upgraded with STARTTLS; sending fails if the server does not offer it (port 587). */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    IMPLICIT;

    /** The spelling in configuration: {@code none}, {@code starttls}, {@code implicit}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
