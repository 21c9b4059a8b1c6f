package org.parley.media;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.parley.testing.Http;
import org.parley.testing.RawConnection;

/**
 * Many image uploads to site {@code courier} released at the same instant, each by its own new guest,
 * while one reader reads a thread over and over; for the test and the benchmark of issue 10's burst.
 * Before the burst the reader reads the same thread while nothing else happens, so that a test can judge
 * reads during the burst against what this machine does when it is quiet (a loaded CI machine is slower
 * at both).
 */
final class UploadBurst {

    static final String SITE = "/api/v1/sites/courier";
    private static final int QUIET_READS = 40;
    private static final int PIECE = 16 * 1024;

    /**
     * Every upload's answer (status 0: none, with the reason as body), how reads fared meanwhile, and the
     * median read before the burst.
     */
    record Result(List<Http.Reply> answers, long reads, Duration slowestRead, Duration medianQuietRead, Duration took) {

        long count(int status) {
            return answers.stream().filter(answer -> answer.status() == status).count();
        }
    }

    private UploadBurst() {
    }

    /**
     * Uploads each of {@code pictures} at once, each body sent as fast as loopback takes it, on a page with
     * one comment that the reader reads; no retries.
     */
    static Result run(Http http, List<byte[]> pictures) throws InterruptedException, ExecutionException, TimeoutException {
        return run(http, pictures, 0);
    }

    /**
     * Like {@link #run(Http, List)}, except that each body is sent at {@code bytesPerSecond}, as over a real
     * network, where a body takes a while to arrive (0 for as fast as loopback takes it).
     */
    static Result run(Http http, List<byte[]> pictures, long bytesPerSecond)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < pictures.size(); i++) {
            tokens.add(http.post(SITE + "/guests", "{}").json().get("token").asText());
        }
        http.post(SITE + "/comments", "{\"page\":\"burst\",\"body\":\"Before the pictures.\"}", "Authorization", "Bearer " + tokens.getFirst());
        long[] quietReads = new long[QUIET_READS];
        for (int i = 0; i < QUIET_READS; i++) {
            long start = System.nanoTime();
            answer(() -> http.get(SITE + "/thread?page=burst"));
            quietReads[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(quietReads);
        AtomicBoolean bursting = new AtomicBoolean(true);
        AtomicLong slowestRead = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        List<Http.Reply> answers = new ArrayList<>();
        long started;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> reader = clients.submit(() -> {
                while (bursting.get()) {
                    long start = System.nanoTime();
                    // A read with no answer in time counts as taking the client's whole timeout.
                    answer(() -> http.get(SITE + "/thread?page=burst"));
                    slowestRead.accumulateAndGet(System.nanoTime() - start, Math::max);
                    reads.incrementAndGet();
                }
            });
            CountDownLatch ready = new CountDownLatch(pictures.size());
            List<Future<Http.Reply>> uploads = new ArrayList<>();
            started = System.nanoTime();
            for (int i = 0; i < pictures.size(); i++) {
                byte[] picture = pictures.get(i);
                String token = tokens.get(i);
                uploads.add(clients.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return answer(() -> bytesPerSecond > 0 ? pacedUpload(http, token, picture, bytesPerSecond)
                            : http.send("POST", SITE + "/images", picture, "Authorization", "Bearer " + token,
                                    "Content-Type", "application/octet-stream"));
                }));
            }
            try {
                for (Future<Http.Reply> upload : uploads) {
                    answers.add(upload.get(3, TimeUnit.MINUTES));
                }
            } finally {
                bursting.set(false); // also when an upload failed, or closing the clients would wait for the reader for ever
            }
            reader.get(30, TimeUnit.SECONDS);
        }
        return new Result(answers, reads.get(), Duration.ofNanos(slowestRead.get()),
                Duration.ofNanos(quietReads[QUIET_READS / 2]), Duration.ofNanos(System.nanoTime() - started));
    }

    /** An upload whose body is written at {@code bytesPerSecond}, in pieces, over a connection of its own. */
    private static Http.Reply pacedUpload(Http http, String token, byte[] body, long bytesPerSecond) {
        try (RawConnection connection = RawConnection.open(URI.create(http.base()).getPort())) {
            connection.send("POST " + SITE + "/images HTTP/1.1\r\nHost: parley\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                long start = System.nanoTime();
                try {
                    for (int sent = 0; sent < body.length; ) {
                        int piece = Math.min(PIECE, body.length - sent);
                        connection.send(Arrays.copyOfRange(body, sent, sent + piece));
                        sent += piece;
                        // Pacing a client's network, not awaiting a condition.
                        LockSupport.parkNanos(start + sent * 1_000_000_000L / bytesPerSecond - System.nanoTime());
                    }
                } catch (UncheckedIOException answeredBeforeTheEnd) {
                    // The server answered (503) without reading the rest and closed: the reply says so.
                }
            });
            RawConnection.Response response = connection.read(Duration.ofMinutes(2));
            writer.interrupt();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().forEach((name, value) -> headers.put(name, List.of(value)));
            return new Http.Reply(response.status(), headers, response.body());
        }
    }

    /** The reply, or for a request that got none (timed out, connection dropped) a status of 0 saying why. */
    private static Http.Reply answer(Supplier<Http.Reply> request) {
        try {
            return request.get();
        } catch (UncheckedIOException e) {
            return new Http.Reply(0, Map.of(), ("no answer: " + e.getCause()).getBytes(StandardCharsets.UTF_8));
        }
    }
}
