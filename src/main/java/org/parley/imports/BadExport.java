package org.parley.imports;

/** The export cannot be read as the format asked for; the message names the line and element and what is wrong. */
final class BadExport extends RuntimeException {

    BadExport(String message) {
        super(message);
    }

    BadExport(String message, Throwable cause) {
        super(message, cause);
    }
}
