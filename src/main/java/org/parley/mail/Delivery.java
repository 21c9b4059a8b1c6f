package org.parley.mail;

/** How handing one email to the SMTP server went. */
sealed interface Delivery {

    /** The server accepted it. */
    record Accepted() implements Delivery {
    }

    /** Worth trying again later: the server was unreachable, slow, or answered 4xx. */
    record Temporary(String error) implements Delivery {
    }

    /** Trying again cannot help: the server answered 5xx, or the message cannot be built. */
    record Permanent(String error) implements Delivery {
    }
}
