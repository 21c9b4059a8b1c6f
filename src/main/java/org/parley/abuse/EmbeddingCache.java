package org.parley.abuse;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The encoder's vectors of training texts, kept in a file outside the jar so that training again (other
 * settings, another held-out set) does not run the encoder over 40,000 texts again. Keyed by a hash of
 * the exact text the encoder read, so a change to normalization or excerpts simply misses the cache.
 * A file written for another encoder is ignored. Thread-safe.
 *
 * <p>File: magic "PARLEYEC", modified-UTF-8 encoder name, u16 dimensions d, then records of i64 key and
 * f32[d], to the end of the file.
 */
final class EmbeddingCache {

    private static final byte[] MAGIC = "PARLEYEC".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final Map<Long, float[]> vectors = new ConcurrentHashMap<>();
    private final Map<Long, float[]> added = new ConcurrentHashMap<>();

    private EmbeddingCache(Path file) {
        this.file = file;
    }

    /** Opens the cache at {@code file} (missing: empty), keeping only vectors of {@link SentenceEncoder#NAME}. */
    static EmbeddingCache open(Path file) {
        EmbeddingCache cache = new EmbeddingCache(file);
        if (!Files.isRegularFile(file)) {
            return cache;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC) || !in.readUTF().equals(SentenceEncoder.NAME)
                    || in.readUnsignedShort() != SentenceEncoder.DIMENSIONS) {
                return cache;
            }
            while (in.available() > 0) {
                long key = in.readLong();
                float[] v = new float[SentenceEncoder.DIMENSIONS];
                for (int d = 0; d < v.length; d++) {
                    v[d] = in.readFloat();
                }
                cache.vectors.put(key, v);
            }
        } catch (java.io.EOFException e) {
            // a run stopped while writing: the complete records before it are kept
        } catch (IOException e) {
            throw new UncheckedIOException("reading the embedding cache " + file, e);
        }
        return cache;
    }

    int size() {
        return vectors.size();
    }

    /** The vector of {@code input}, from the cache or computed by {@code encoder} (and kept). */
    float[] get(String input, Function<String, float[]> encoder) {
        long key = key(input);
        float[] v = vectors.get(key);
        if (v == null) {
            v = encoder.apply(input);
            vectors.put(key, v);
            added.put(key, v);
        }
        return v;
    }

    /** Writes the cache back if anything was added. */
    void save() {
        if (added.isEmpty()) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
                out.write(MAGIC);
                out.writeUTF(SentenceEncoder.NAME);
                out.writeShort(SentenceEncoder.DIMENSIONS);
                for (Map.Entry<Long, float[]> e : new HashMap<>(vectors).entrySet()) {
                    out.writeLong(e.getKey());
                    for (float x : e.getValue()) {
                        out.writeFloat(x);
                    }
                }
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            added.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the embedding cache " + file, e);
        }
    }

    private static long key(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (digest[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
