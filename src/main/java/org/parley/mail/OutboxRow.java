package org.parley.mail;

import java.util.Optional;

/** A claimed email as the sender needs it: whom to, what to say, and how often it was tried before. */
record OutboxRow(MailId id, String recipient, String recipientHash, String subject, String textBody, String htmlBody,
                 Optional<String> unsubscribeUrl, int attempts) {

    /** What a log may say about the recipient: part of the address's pseudonym and its domain. */
    String recipientForLog() {
        return recipientHash.substring(0, 8) + "@" + new EmailAddress(recipient).domain();
    }

    /** Without the address or the text: a row printed by accident must not leak either. */
    @Override
    public String toString() {
        return "OutboxRow[" + id + ", to " + recipientForLog() + ", attempts " + attempts + "]";
    }
}
