package org.parley.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal server-sent-events client for tests: parses the stream on a virtual thread and hands out
 * events, comments (heartbeats) included, waiting with a deadline.
 */
public final class SseClient implements AutoCloseable {

    /**
     * One parsed event; {@code comment} is set for comment-only lines such as heartbeats, {@code retry}
     * (milliseconds) for the server's reconnection hint.
     */
    public record Event(String id, String name, String data, String comment, String retry) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final InputStream body;
    private final int status;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        Thread.ofVirtual().start(this::read);
    }

    public static SseClient open(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseClient(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    /** The next named event (skipping comments), or an AssertionError naming what was awaited. */
    public Event next(String awaited, Duration timeout) {
        return nextMatching(event -> event.name() != null, awaited, timeout);
    }

    /** The next comment line (heartbeat), skipping events. */
    public Event nextComment(String awaited, Duration timeout) {
        return nextMatching(event -> event.comment() != null, awaited, timeout);
    }

    private Event nextMatching(java.util.function.Predicate<Event> wanted, String awaited, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no " + awaited + " within " + timeout);
                }
                if (wanted.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + awaited, e);
        }
    }

    /** The next reconnection hint the server sends, in milliseconds. */
    public long nextRetry(String awaited, Duration timeout) {
        return Long.parseLong(nextMatching(event -> event.retry() != null, awaited, timeout).retry());
    }

    /** True when the server ends the stream within {@code timeout}. */
    public boolean ends(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Events that arrive within {@code window}; for asserting that nothing more came. */
    public List<Event> drain(Duration window) {
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            Event event;
            while ((event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (event.name() != null) {
                    out.add(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || data.length() > 0) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString(), null, null));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1).strip(), null));
                } else if (line.startsWith("retry:")) {
                    events.add(new Event(null, null, null, null, line.substring(6).strip()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
                }
            }
        } catch (IOException closed) {
            // the test closed the stream
        } finally {
            ended.countDown();
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
