package org.parley.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top-level writes that arrive together commit together: each caller queues its work and takes the
 * writer; whoever holds it runs everything queued so far in one transaction, each piece in a savepoint of
 * its own, and commits once. A commit (a WAL write, an fsync) and the writer's hand-over are paid per batch
 * rather than per write, which is what lets concurrent posts outrun a single writer committing one by one.
 *
 * <p>Every piece keeps the semantics of a transaction of its own: one that throws is rolled back to its
 * savepoint and its caller gets the exception, while the rest of the batch commits; a failed commit fails
 * every piece. Alone in its batch (no contention), a piece runs without a savepoint. The work runs on the
 * thread that holds the writer, so nested writes join through the database's current transaction;
 * after-commit actions run back on each caller's own thread, once its piece has committed.
 *
 * <p>For SQLite, whose one writer would otherwise commit every post on its own. PostgreSQL takes writers in
 * parallel and already shares one WAL flush among commits that arrive together; there, batching measured
 * slower (each batch's statements are round trips made one after another by one connection), so there
 * each write runs alone, on its caller's thread, beside the others.
 */
final class GroupCommit {

    /** Bounds one batch, so that a burst cannot hold the writer (and its first caller) indefinitely. */
    static final int MAX_BATCH = 128;

    /** One caller's work and, once the batch it joined has ended, how it went. */
    static final class Piece<R> {
        final HandleCallback<R, RuntimeException> work;
        final List<Runnable> afterCommit = new ArrayList<>();
        R result;
        Throwable failure;
        /** Set by the holder of the writer; read by the caller once it holds the writer itself. */
        boolean done;

        Piece(HandleCallback<R, RuntimeException> work) {
            this.work = work;
        }

        void run(Handle handle) {
            result = work.withHandle(handle);
        }

        /** The work's result once committed, after its after-commit actions have run; or its failure, thrown. */
        R finish() {
            if (failure instanceof RuntimeException e) {
                throw e;
            } else if (failure instanceof Error e) {
                throw e;
            }
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("after-commit action failed; the transaction itself committed", e);
                }
            }
            return result;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final Jdbi writer;
    private final ThreadLocal<WriteTransaction> current;
    /** False: every write runs alone (PostgreSQL). */
    private final boolean batching;
    private final Queue<Piece<?>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    GroupCommit(Jdbi writer, ThreadLocal<WriteTransaction> current, boolean batching) {
        this.writer = writer;
        this.current = current;
        this.batching = batching;
    }

    /**
     * Runs {@code piece} in a committed transaction, alone or with others queued meanwhile, and returns once
     * it has committed or failed ({@link Piece#failure}); its after-commit actions are left to the caller.
     */
    <R> Piece<R> commit(Piece<R> piece) {
        if (!batching) {
            run(List.of(piece));
            return piece;
        }
        queued.add(piece);
        // Callers queue for the writer in about the order they queued their work: those whose work a batch
        // took find it done when their turn comes and leave at once.
        writing.lock();
        try {
            if (!piece.done) {
                List<Piece<?>> batch = new ArrayList<>();
                for (Piece<?> next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) {
                    batch.add(next);
                }
                run(batch);
            }
        } finally {
            writing.unlock();
        }
        return piece;
    }

    private void run(List<Piece<?>> batch) {
        try (Handle handle = writer.open()) {
            WriteTransaction tx = new WriteTransaction(handle);
            current.set(tx);
            try {
                handle.begin();
                for (Piece<?> piece : batch) {
                    tx.collectAfterCommitInto(piece.afterCommit);
                    if (batch.size() == 1) {
                        piece.run(handle);
                    } else {
                        runAlone(tx, piece);
                    }
                }
                handle.commit();
            } catch (RuntimeException | Error e) {
                rollBack(handle, e);
                for (Piece<?> piece : batch) {
                    if (piece.failure == null) {
                        piece.failure = e;
                        piece.afterCommit.clear();
                    }
                }
            } finally {
                current.remove();
            }
        } catch (RuntimeException e) {
            // Opening or closing the connection failed: nothing in the batch committed.
            batch.stream().filter(piece -> piece.failure == null).forEach(piece -> {
                piece.failure = e;
                piece.afterCommit.clear();
            });
        }
        batch.forEach(piece -> piece.done = true);
    }

    /** Runs one piece of a shared batch so that its failure undoes its own writes only. */
    private static void runAlone(WriteTransaction tx, Piece<?> piece) {
        String savepoint = tx.nextSavepoint();
        tx.handle.savepoint(savepoint);
        try {
            piece.run(tx.handle);
        } catch (RuntimeException | Error e) {
            // If even this fails, the batch is lost: the caller above fails every piece.
            tx.handle.rollbackToSavepoint(savepoint);
            piece.failure = e;
            piece.afterCommit.clear();
            return;
        }
        tx.handle.release(savepoint);
    }

    private static void rollBack(Handle handle, Throwable cause) {
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
