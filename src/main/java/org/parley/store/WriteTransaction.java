package org.parley.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The write transaction a thread is running, so that nested door calls join it. With group commit it may
 * hold several callers' writes in turn: after-commit actions go to the piece running now.
 */
final class WriteTransaction {

    final Handle handle;
    /** Cache entries this transaction changes the source of: read fresh here until it ends. */
    final Set<String> changedCacheEntries = new HashSet<>();
    private List<Runnable> afterCommit = new ArrayList<>();
    private int savepoints;

    WriteTransaction(Handle handle) {
        this.handle = handle;
    }

    /** Where after-commit actions registered from now on go: the piece about to run. */
    void collectAfterCommitInto(List<Runnable> actions) {
        afterCommit = actions;
    }

    List<Runnable> afterCommit() {
        return afterCommit;
    }

    String nextSavepoint() {
        return "parley_" + ++savepoints;
    }
}
