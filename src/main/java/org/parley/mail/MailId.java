package org.parley.mail;

import org.parley.store.Ids;

/** An outgoing email's id, {@code m_} and 17 characters. */
public record MailId(String value) {

    public MailId {
        if (!Ids.looksLike("m", value)) {
            throw new IllegalArgumentException("not a mail id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
