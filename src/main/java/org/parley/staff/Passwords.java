package org.parley.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in PHC string form:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard base64). Verification reads
 * the parameters from the stored string, so they can be raised later without invalidating old hashes;
 * {@link #needsRehash} says when a stored hash is weaker than the current parameters. Passwords are
 * NFC-normalized first, so the same password typed on two keyboards hashes the same.
 *
 * <p>Each hash holds {@code m} KiB of memory for a few tens of milliseconds, so at most
 * {@link #CONCURRENT_HASHES} run at once: a burst of logins queues instead of exhausting the heap.
 * Thread-safe.
 */
final class Passwords {

    /** OWASP's Argon2id baseline (2024): 19 MiB, 2 passes, 1 lane. */
    static final Params DEFAULT = new Params(19_456, 2, 1);
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 1024;
    static final int CONCURRENT_HASHES = 4;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    /** Cost parameters; the bounds refuse a stored string that would make verification hang or blow up. */
    record Params(int memoryKiB, int iterations, int parallelism) {
        Params {
            if (parallelism < 1 || parallelism > 16 || memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024
                    || iterations < 1 || iterations > 64) {
                throw new IllegalArgumentException("Argon2id parameters out of range: m=" + memoryKiB + ", t="
                        + iterations + ", p=" + parallelism);
            }
        }

        boolean weakerThan(Params other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations;
        }
    }

    private record Parsed(Params params, byte[] salt, byte[] hash) {
    }

    private final Params params;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore running = new Semaphore(CONCURRENT_HASHES, true);
    private volatile String dummy;

    Passwords(Params params) {
        this.params = params;
    }

    /** A new PHC string for {@code password} with a fresh random salt and the current parameters. */
    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(params, salt, password, HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * True when {@code password} matches {@code phc} (constant-time comparison).
     *
     * @throws IllegalArgumentException when {@code phc} is not an Argon2id PHC string this class accepts
     */
    boolean verify(String password, String phc) {
        Parsed parsed = parse(phc);
        byte[] actual = argon2(parsed.params(), parsed.salt(), password, parsed.hash().length);
        return MessageDigest.isEqual(actual, parsed.hash());
    }

    /** Spends the time of one verification and discards it, so an unknown username answers no faster. */
    void verifyNothing(String password) {
        if (dummy == null) {
            // The first time, making the dummy hash costs what a verification would.
            byte[] unguessable = new byte[32];
            random.nextBytes(unguessable);
            dummy = hash(B64.encodeToString(unguessable));
            return;
        }
        verify(password.length() > MAX_LENGTH ? "" : password, dummy);
    }

    /** True when {@code phc} was made with weaker parameters than the current ones. */
    boolean needsRehash(String phc) {
        return parse(phc).params().weakerThan(params);
    }

    private static Parsed parse(String phc) {
        String[] parts = phc.split("\\$", -1);
        if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            throw new IllegalArgumentException("not an Argon2id v=19 PHC string");
        }
        String[] costs = parts[3].split(",", -1);
        if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=") || !costs[2].startsWith("p=")) {
            throw new IllegalArgumentException("Argon2id parameters must read m=…,t=…,p=…");
        }
        try {
            Params params = new Params(Integer.parseInt(costs[0].substring(2)), Integer.parseInt(costs[1].substring(2)),
                    Integer.parseInt(costs[2].substring(2)));
            byte[] salt = Base64.getDecoder().decode(parts[4]);
            byte[] hash = Base64.getDecoder().decode(parts[5]);
            if (salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64) {
                throw new IllegalArgumentException("Argon2id salt or hash has an implausible length");
            }
            return new Parsed(params, salt, hash);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Argon2id parameters must be whole numbers", e);
        }
    }

    private byte[] argon2(Params cost, byte[] salt, String password, int length) {
        byte[] secret = Normalizer.normalize(password, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(secret, out);
        } finally {
            running.release();
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }
}
