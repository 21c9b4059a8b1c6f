package org.parley.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The lock a server holds on {@code parley.db.lock} beside its SQLite file for as long as it serves it, so a
 * second server on the same file refuses to start: each server keeps its own live streams, rate limits and
 * working sets in memory (the event bus is in-process), so two would serve readers two different Parleys,
 * and both would queue for SQLite's one writer. The lock is the operating system's, so it goes when the
 * process dies, however it dies. The file stays (deleting a lock file lets a process that opened it a
 * moment earlier lock a file nobody else sees) and holds the holder's pid for the refusal message.
 */
final class SqliteLock implements AutoCloseable {

    /**
     * Lock files this process holds. POSIX record locks, which FileChannel takes on Linux, belong to the
     * process, not to the channel that took them: closing any descriptor of the file drops them all. So a
     * second server in this JVM must not open the lock file to try it (closing that attempt would free the
     * first server's lock for every other process); it looks here first. The one static registry in Parley,
     * because the state it mirrors belongs to the process. Guarded by itself.
     */
    private static final Set<Path> HELD = new HashSet<>();
    private static final int PID_BYTES = 32;

    private final Path file;
    private final FileChannel channel;

    private SqliteLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Locks {@code database}'s lock file, or fails naming the file and the process that serves it. */
    static SqliteLock acquire(Path database) {
        Path file = database.resolveSibling(database.getFileName() + ".lock");
        long self = ProcessHandle.current().pid();
        synchronized (HELD) {
            if (HELD.contains(file)) {
                throw servedElsewhere(database, "this process (pid " + self + ")");
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    String holder = pid(channel).map(pid -> "another Parley (pid " + pid + ")").orElse("another Parley");
                    channel.close();
                    throw servedElsewhere(database, holder);
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                HELD.add(file);
                return new SqliteLock(file, channel);
            } catch (OverlappingFileLockException e) {
                // Locked in this JVM by something that bypassed HELD (Parley loaded twice by two class loaders).
                closeQuietly(channel);
                throw servedElsewhere(database, "this process (pid " + self + ")");
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock " + file + " (Parley holds it while it serves " + database + ")", e);
            }
        }
    }

    /** The pid its holder wrote into the lock file, when it is there to read. */
    private static Optional<Long> pid(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(PID_BYTES);
        channel.read(bytes, 0);
        String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).strip();
        return text.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    private static IllegalStateException servedElsewhere(Path database, String holder) {
        return new IllegalStateException(holder + " already serves SQLite database " + database
                + "; SQLite serves one Parley at a time: stop that one first, give this one its own --data, or run"
                + " several nodes on PostgreSQL (PARLEY_DB_URL). Commands such as site, admin and backup run beside it.");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the refusal or failure being reported matters more
        }
    }

    /** Lets another server take the file; forgets the pid first, so nobody is named for a lock no one holds. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (!channel.isOpen()) {
                return; // closed already: the file in HELD may be another server's now
            }
            try {
                channel.truncate(0);
            } catch (IOException ignored) {
                // a stale pid is harmless: it is read only while a server holds the lock, and each writes its own
            } finally {
                closeQuietly(channel); // which releases the lock
                HELD.remove(file);
            }
        }
    }
}
