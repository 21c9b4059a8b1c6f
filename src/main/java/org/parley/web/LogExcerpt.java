package org.parley.web;

/**
 * Bounds what a log line or a problem detail repeats of client data: a request path, a header value or an
 * exception message that quotes a request (Helidon's {@code NumberFormatException} quoted a whole 100 KB
 * chunk-size line). Each is cut to an excerpt that says how long the original was.
 */
final class LogExcerpt {

    static final int MAX_CHARS = 200;
    private static final int MAX_CAUSES = 8;

    private LogExcerpt() {
    }

    static String of(String text) {
        return of(text, MAX_CHARS);
    }

    static String of(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "… (" + text.length() + " characters)";
    }

    /**
     * {@code thrown} itself when no message in its chain is longer than {@link #MAX_CHARS}; otherwise a copy
     * of the chain with each message cut to an excerpt, named after the original class, stack traces kept.
     */
    static Throwable of(Throwable thrown) {
        return needsCut(thrown, 0) ? cut(thrown, 0) : thrown;
    }

    private static boolean needsCut(Throwable thrown, int depth) {
        if (thrown == null || depth > MAX_CAUSES) {
            return false;
        }
        String message = thrown.getMessage();
        if (message != null && message.length() > MAX_CHARS) {
            return true;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (needsCut(suppressed, depth + 1)) {
                return true;
            }
        }
        return needsCut(thrown.getCause(), depth + 1);
    }

    private static Throwable cut(Throwable thrown, int depth) {
        Throwable cause = thrown.getCause() == null || depth >= MAX_CAUSES ? null : cut(thrown.getCause(), depth + 1);
        Excerpted copy = new Excerpted(thrown.getClass().getName() + ": " + of(thrown.getMessage()), cause);
        copy.setStackTrace(thrown.getStackTrace());
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (depth < MAX_CAUSES) {
                copy.addSuppressed(cut(suppressed, depth + 1));
            }
        }
        return copy;
    }

    /** Stands in for a throwable whose message was too long to log; its message names the original class. */
    private static final class Excerpted extends RuntimeException {
        Excerpted(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
