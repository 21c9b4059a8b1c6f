package org.parley.abuse;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * A pretrained sentence encoder run in-process by ONNX Runtime: all-MiniLM-L6-v2, quantized to 8 bits,
 * whose weights and vocabulary ship inside a Maven Central artifact (nothing is fetched at build or run
 * time). A text becomes a unit vector of {@link #DIMENSIONS} numbers, the mean of its token vectors, so
 * that texts of similar meaning lie close together whatever their words. Chosen over bge-small and
 * e5-small (twelve layers each, about twice the cost) because it alone keeps one 400-character comment
 * under 15 ms at the 99th percentile on two cores (docs/MODEL.md).
 *
 * <p>Thread-safe: ONNX Runtime runs one session from many threads. Each run uses {@code threads} cores
 * and never spins waiting for work, so the web server keeps its CPU.
 */
final class SentenceEncoder implements AutoCloseable {

    static final String NAME = "all-MiniLM-L6-v2 int8";
    static final int DIMENSIONS = 384;
    /** The sequence length the encoder was trained on; longer texts are cut into excerpts before this. */
    static final int MAX_TOKENS = 128;
    private static final String WEIGHTS = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPiece tokenizer;

    private SentenceEncoder(OrtEnvironment environment, OrtSession session, WordPiece tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads the encoder from the class path. Fails with the reason when it cannot run here: the artifact
     * is missing, or ONNX Runtime has no native library for this platform.
     */
    static SentenceEncoder load(int threads) throws EncoderUnavailableException {
        return load(threads, SentenceEncoder.class.getClassLoader());
    }

    /** As {@link #load(int)}, finding the weights and vocabulary through {@code loader}. */
    static SentenceEncoder load(int threads, ClassLoader loader) throws EncoderUnavailableException {
        try (InputStream weights = loader.getResourceAsStream(WEIGHTS);
             InputStream vocabulary = loader.getResourceAsStream(TOKENIZER)) {
            if (weights == null || vocabulary == null) {
                throw new EncoderUnavailableException("the encoder's weights (" + WEIGHTS + ") are not on the class path");
            }
            WordPiece tokenizer = WordPiece.read(vocabulary);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            return new SentenceEncoder(environment, environment.createSession(weights.readAllBytes(), options), tokenizer);
        } catch (IOException | OrtException e) {
            throw new EncoderUnavailableException("the encoder did not load: " + e.getMessage(), e);
        } catch (LinkageError | RuntimeException e) {
            // ONNX Runtime reports a platform without its native library as an error from a static initializer.
            throw new EncoderUnavailableException("ONNX Runtime cannot run on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ": " + e, e);
        }
    }

    /** The token ids the encoder reads for {@code text}, with its start and end marks. */
    int[] tokens(String text) {
        return tokenizer.encode(text, MAX_TOKENS);
    }

    /**
     * The unit vector of {@code text} (cut at {@link #MAX_TOKENS} tokens). One text per run, never a batch:
     * the int8 encoder quantizes each run's activations with one scale for the whole batch, so a text's
     * vector would depend on the texts beside it (cosine 0.98 to its vector alone), and batches were no
     * faster on one core (docs/MODEL.md). A text always gets the same vector.
     */
    float[] embed(String text) {
        int[] ids = tokens(text);
        int length = ids.length;
        LongBuffer inputIds = LongBuffer.allocate(length);
        LongBuffer mask = LongBuffer.allocate(length);
        for (int id : ids) {
            inputIds.put(id);
            mask.put(1);
        }
        inputIds.flip();
        mask.flip();
        long[] shape = {1, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, inputIds, shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask, shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.allocate(length), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                     "token_type_ids", typeTensor))) {
            return meanPooled(((OnnxTensor) result.get(0)).getFloatBuffer(), length);
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence encoder failed on a text of " + length + " tokens", e);
        }
    }

    /** The mean of the token vectors, scaled to length one. */
    private static float[] meanPooled(FloatBuffer hidden, int tokens) {
        float[] v = new float[DIMENSIONS];
        for (int t = 0; t < tokens; t++) {
            int base = t * DIMENSIONS;
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] += hidden.get(base + d);
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] *= scale;
        }
        return v;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the sentence encoder", e);
        }
    }
}
