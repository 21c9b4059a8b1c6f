package org.parley.abuse;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the sentence encoder on a few platform threads of its own. A caller (a request's virtual thread)
 * waits for its vector without holding a carrier thread, so however many comments arrive at once, the
 * encoder uses at most {@code threads} cores and the web server keeps serving. Each text runs alone
 * (see {@link SentenceEncoder#embed}); a queue of texts is worked off by the threads in parallel.
 */
final class EncoderPool implements AutoCloseable {

    private final SentenceEncoder encoder;
    private final ExecutorService threads;

    EncoderPool(SentenceEncoder encoder, int threads) {
        this.encoder = encoder;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "parley-encoder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    float[] embed(String text) {
        Future<float[]> vector = threads.submit(() -> encoder.embed(text));
        try {
            return vector.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the encoder read a comment", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the sentence encoder failed", e.getCause());
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        encoder.close();
    }
}
