package org.parley.media;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.parley.testing.Http;

/**
 * Many image uploads to site {@code courier} released at the same instant, each by its own new guest,
 * while one reader reads a thread over and over; for the test and the benchmark of issue 10's burst.
 */
final class UploadBurst {

    static final String SITE = "/api/v1/sites/courier";

    /** Every upload's answer (status 0: none, with the reason as body), and how reads fared meanwhile. */
    record Result(List<Http.Reply> answers, long reads, Duration slowestRead, Duration took) {

        long count(int status) {
            return answers.stream().filter(answer -> answer.status() == status).count();
        }
    }

    private UploadBurst() {
    }

    /** Uploads each of {@code pictures} at once, on a page with one comment that the reader reads. */
    static Result run(Http http, List<byte[]> pictures) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < pictures.size(); i++) {
            tokens.add(http.post(SITE + "/guests", "{}").json().get("token").asText());
        }
        http.post(SITE + "/comments", "{\"page\":\"burst\",\"body\":\"Before the pictures.\"}", "Authorization", "Bearer " + tokens.getFirst());
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
                    return answer(() -> http.send("POST", SITE + "/images", picture, "Authorization", "Bearer " + token,
                            "Content-Type", "image/png"));
                }));
            }
            for (Future<Http.Reply> upload : uploads) {
                answers.add(upload.get(60, TimeUnit.SECONDS));
            }
            bursting.set(false);
            reader.get(30, TimeUnit.SECONDS);
        }
        return new Result(answers, reads.get(), Duration.ofNanos(slowestRead.get()), Duration.ofNanos(System.nanoTime() - started));
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
