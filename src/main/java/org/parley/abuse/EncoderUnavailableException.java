package org.parley.abuse;

/** The sentence encoder cannot run here; the message says why (Parley then scores with the fast model alone). */
final class EncoderUnavailableException extends Exception {

    EncoderUnavailableException(String message) {
        super(message);
    }

    EncoderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
