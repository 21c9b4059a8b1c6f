package org.parley.live;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events written by hand onto a response's body, each flushed as it is written. Helidon 4.5's
 * own sinks leave out the {@code retry} field, which Parley sends when it stops, so the few fields a
 * stream uses are written here; a value's line breaks can never start a field of its own (a comment's or
 * data's further lines get their own prefix, ids and names lose them). A write to a client that went away
 * fails with an {@link UncheckedIOException}. Not thread-safe: one thread serves one stream.
 */
final class EventStream {

    private final OutputStream out;
    private final StringBuilder frame = new StringBuilder(64);

    EventStream(OutputStream out) {
        this.out = out;
    }

    /** A comment line, which clients ignore (heartbeats, the greeting). */
    void comment(String text) {
        lines(": ", text);
        frame.append('\n');
        send();
    }

    /**
     * The bytes of one event: its id (what a reconnecting client sends back as {@code Last-Event-ID}), name
     * and data; encoded once and written to every client that gets it ({@link #send}).
     */
    static byte[] frame(LiveMessage message) {
        StringBuilder event = new StringBuilder(message.data().length() + 64);
        event.append("id: ").append(message.sequence()).append('\n').append("event: ").append(oneLine(message.event())).append('\n');
        lines(event, "data: ", message.data());
        return event.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes an encoded event ({@link #frame}). */
    void send(byte[] encoded) {
        try {
            out.write(encoded);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tells the client how long to wait before it reconnects, then ends with a comment saying why. */
    void retry(long millis, String why) {
        frame.append("retry: ").append(millis).append('\n');
        lines(": ", why);
        frame.append('\n');
        send();
    }

    void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException alreadyGone) {
            // the connection is already gone
        }
    }

    private void lines(String prefix, String text) {
        lines(frame, prefix, text);
    }

    private static void lines(StringBuilder to, String prefix, String text) {
        for (String line : text.split("\r\n|\r|\n", -1)) {
            to.append(prefix).append(line).append('\n');
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\r\n]", "");
    }

    private void send() {
        byte[] bytes = frame.toString().getBytes(StandardCharsets.UTF_8);
        frame.setLength(0);
        send(bytes);
    }
}
