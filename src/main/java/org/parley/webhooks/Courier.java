package org.parley.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts one signed message and says what came of it. Never follows a redirect (a 3xx is a failure: the
 * target was checked, the place it points to was not) and reads no byte of an answer's body: only its
 * status matters, and a body sent slowly or without end could otherwise hold a sender past every timeout.
 * Thread-safe.
 */
final class Courier implements AutoCloseable {

    private static final int MAX_ERROR = 200;

    /** What one post came to: the status when the endpoint answered, else why not. */
    record Outcome(Optional<Integer> status, Optional<String> error) {
        boolean delivered() {
            return status.filter(code -> code >= 200 && code < 300).isPresent();
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    Courier(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Outcome post(URI url, String messageId, long unixSeconds, String signature, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Parley-Webhooks")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(unixSeconds))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close(); // unread: the connection is dropped rather than drained
            int code = response.statusCode();
            boolean ok = code >= 200 && code < 300;
            String error = code >= 300 && code < 400 ? "redirect to " + response.headers().firstValue("Location").orElse("?")
                    + " not followed" : "HTTP " + code;
            return new Outcome(Optional.of(code), ok ? Optional.empty() : Optional.of(shorten(error)));
        } catch (HttpTimeoutException e) {
            return failed("no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return failed("could not connect: " + Optional.ofNullable(e.getMessage()).orElse("refused"));
        } catch (IOException e) {
            return failed(e.getClass().getSimpleName() + ": " + Optional.ofNullable(e.getMessage()).orElse(""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted: Parley is stopping");
        }
    }

    /** Drops open connections at once; attempts under way fail and are retried later, here or elsewhere. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    static Outcome failed(String why) {
        return new Outcome(Optional.empty(), Optional.of(shorten(why)));
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
