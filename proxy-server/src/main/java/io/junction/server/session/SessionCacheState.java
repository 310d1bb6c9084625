package io.junction.server.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What the result cache must remember about one session: the SET/USE statements that shaped its
 * state (part of its cache keys), whether it did something whose effect on its state is unknown
 * (then it never uses the cache again), and the invalidations its open transaction owes at its end.
 */
final class SessionCacheState {
    private final List<String> stateStatements = new ArrayList<>();
    private final List<Runnable> atTransactionEnd = new ArrayList<>();
    private boolean untracked;
    private boolean stateChangedInTransaction;

    List<String> stateStatements() {
        return stateStatements;
    }

    boolean untracked() {
        return untracked;
    }

    boolean transactionHasWritten() {
        return !atTransactionEnd.isEmpty();
    }

    /** A SET/USE that succeeded; from now on it is part of the session's keys. */
    void stateChanged(String normalizedStatement, boolean inTransaction) {
        stateStatements.add(normalizedStatement);
        stateChangedInTransaction |= inTransaction;
    }

    void markUntracked() {
        untracked = true;
    }

    /** A write ran inside the session's transaction; {@code invalidation} runs once it commits or rolls back. */
    void wroteInTransaction(Runnable invalidation) {
        atTransactionEnd.add(invalidation);
    }

    /** Called after the upstream commit or rollback returned. */
    void transactionEnded(boolean committed) {
        List<Runnable> owed = new ArrayList<>(atTransactionEnd);
        atTransactionEnd.clear();
        owed.forEach(Runnable::run);
        if (!committed && stateChangedInTransaction) {
            // A rollback undid some SETs; the recorded list no longer says what the state is.
            untracked = true;
        }
        stateChangedInTransaction = false;
    }
}
